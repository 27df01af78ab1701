import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from './session-seal';

describe('sealed session cookie', () => {
  const secret = randomBytes(48);
  const payload = { sid: 'abc', token: 'eyJhbGciOi.secret-token', user: { username: 'ann', groups: ['g'] } };

  it('opens with the same secret (another replica), and the token is not readable in it', () => {
    const sealed = createSealer(secret).seal(payload);
    expect(sealed).toMatch(/^[\w-]+$/);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('secret-token');
    expect(createSealer(Buffer.from(secret)).open(sealed)).toEqual(payload);
  });

  it('refuses a cookie sealed with another secret, or changed in any byte, or cut short', () => {
    const sealer = createSealer(secret);
    const sealed = sealer.seal(payload);
    expect(createSealer(randomBytes(48)).open(sealed)).toBeUndefined();
    const raw = Buffer.from(sealed, 'base64url');
    for (const i of [0, 5, 20, raw.length - 1]) {
      const changed = Buffer.from(raw);
      changed[i] = (changed[i] ?? 0) ^ 1;
      expect(sealer.open(changed.toString('base64url')), `byte ${i}`).toBeUndefined();
    }
    expect(sealer.open(sealed.slice(0, 30))).toBeUndefined();
    expect(sealer.open('forged')).toBeUndefined();
  });

  it('needs a secret of at least 32 bytes', () => {
    expect(() => createSealer(randomBytes(16))).toThrow(/at least 32 bytes/);
  });
});
