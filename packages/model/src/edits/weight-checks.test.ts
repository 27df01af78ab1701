import { describe, expect, it } from 'vitest';
import { editSchema } from './edit-schema';
import { checkWeight, parseWeightInput, weightListProblems } from './weight-checks';

describe('weight checks (shared by the API and the web weight fields)', () => {
  it('accepts whole numbers from 0 to the row maximum', () => {
    expect(parseWeightInput('0')).toEqual({ ok: true, value: 0 });
    expect(parseWeightInput(' 100 ')).toEqual({ ok: true, value: 100 });
    expect(checkWeight(80, 80)).toEqual({ ok: true, value: 80 });
  });

  it.each([
    ['', 'weight_required'],
    ['abc', 'weight_not_number'],
    ['33.5', 'weight_not_integer'],
    ['150', 'weight_out_of_range'],
    ['-5', 'weight_out_of_range'],
    ['1e3', 'weight_out_of_range'],
  ])('refuses typed %j (%s) instead of turning it into another number', (text, code) => {
    const check = parseWeightInput(text);
    expect(check).toMatchObject({ ok: false, code });
  });

  it('says what locked rows leave', () => {
    expect(checkWeight(90, 80)).toMatchObject({
      ok: false,
      message: 'Must be from 0 to 80 (locked rows hold 20), got 90',
    });
  });

  it('lists: ranges per weight, all-zero, and never a non-zero weight scaled to 0', () => {
    expect(weightListProblems([65536, 50]).map((p) => [p.index, p.code])).toEqual([[0, 'weight_out_of_range']]);
    expect(weightListProblems([0, 0]).map((p) => p.code)).toEqual(['weights_all_zero']);
    expect(weightListProblems([30, 30])).toEqual([]);
    // 101 destinations of weight 1: 100 whole points cannot go round, the last would be stored as 0.
    const many = Array.from({ length: 101 }, () => 1);
    expect(weightListProblems(many).map((p) => [p.index, p.code])).toEqual([[100, 'weight_rounded_to_zero']]);
  });
});

describe('setMatchRoute header names', () => {
  const edit = (headers: string) =>
    JSON.parse(
      `{"op":"setMatchRoute","name":"n","match":[{"headers":${headers}}],"destinations":[{"destination":{"host":"r"},"weight":100}]}`,
    );

  it('refuses "__proto__" with its path rather than dropping the condition', () => {
    const r = editSchema.safeParse(edit('{"__proto__":{"exact":"a"},"end-user":{"exact":"b"}}'));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['match.0.headers.__proto__']);
  });

  it('refuses names Envoy would not accept and keeps ordinary ones', () => {
    expect(editSchema.safeParse(edit('{"end user":{"exact":"b"}}')).success).toBe(false);
    expect(editSchema.safeParse(edit('{"x-canary":{"exact":"true"}}')).success).toBe(true);
  });
});
