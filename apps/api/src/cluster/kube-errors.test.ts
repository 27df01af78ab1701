import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { mapKubeError } from './kube-errors';

function apiException(code: number, body: unknown) {
  return Object.assign(new Error(`HTTP-Code: ${code}`), { code, body, headers: {} });
}

describe('mapKubeError', () => {
  it('maps a stale-resourceVersion 409 to conflict with the apiserver message and the current version', () => {
    const status = {
      kind: 'Status',
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on virtualservices.networking.istio.io "reviews": the object has been modified',
    };
    const err = mapKubeError(apiException(409, JSON.stringify(status)), 'patching', '12');
    expect(err).toMatchObject({
      code: 'conflict',
      status: 409,
      message: status.message,
      details: { reason: 'stale', currentResourceVersion: '12' },
    });
  });

  it("maps the apiserver's AlreadyExists 409 to reason exists (not a stale version to reload)", () => {
    const status = { kind: 'Status', reason: 'AlreadyExists', message: 'virtualservices "reviews" already exists' };
    expect(mapKubeError(apiException(409, JSON.stringify(status)), 'creating')).toMatchObject({
      status: 409,
      details: { reason: 'exists' },
    });
  });

  it('maps a 422 to invalid with one finding per cause', () => {
    const body = {
      message:
        'VirtualService.networking.istio.io "reviews" is invalid: spec.http[0].route[0].weight: Invalid value: -1',
      reason: 'Invalid',
      details: {
        causes: [{ field: 'spec.http[0].route[0].weight', reason: 'FieldValueInvalid', message: 'Invalid value: -1' }],
      },
    };
    const err = mapKubeError(apiException(422, body), 'patching');
    expect(err).toMatchObject({ code: 'invalid', status: 422, message: body.message });
    expect(err.details).toEqual([
      {
        path: 'spec.http[0].route[0].weight',
        code: 'FieldValueInvalid',
        severity: 'error',
        message: 'Invalid value: -1',
      },
    ]);
  });

  it('maps strict field validation refusals (400 on create, 422 on patch) to invalid with one finding per unknown field', () => {
    const created = {
      reason: 'BadRequest',
      message:
        'VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.foo", unknown field "spec.http[0].bar"',
    };
    const onCreate = mapKubeError(apiException(400, created), 'creating');
    expect(onCreate).toMatchObject({
      code: 'invalid',
      status: 422,
      message: 'strict decoding error: unknown field "spec.foo", unknown field "spec.http[0].bar"',
    });
    expect((onCreate.details as { path: string }[]).map((d) => d.path)).toEqual(['spec.foo', 'spec.http[0].bar']);

    const patched = {
      reason: 'Invalid',
      message:
        ' "" is invalid: patch: Invalid value: "{\\"spec\\":{\\"timout\\":\\"1s\\"}}": strict decoding error: unknown field "spec.http[0].timout"',
      details: {
        causes: [
          {
            reason: 'FieldValueInvalid',
            field: 'patch',
            message: 'Invalid value: "{...}": strict decoding error: unknown field "spec.http[0].timout"',
          },
        ],
      },
    };
    const onPatch = mapKubeError(apiException(422, patched), 'patching');
    expect(onPatch).toMatchObject({
      code: 'invalid',
      status: 422,
      message: 'strict decoding error: unknown field "spec.http[0].timout"',
    });
    expect(onPatch.details).toEqual([
      {
        path: 'spec.http[0].timout',
        code: 'unknown_field',
        severity: 'error',
        message: 'unknown field "spec.http[0].timout": not in the installed CRD schema',
      },
    ]);
  });

  it('maps 403 to forbidden with the RBAC message', () => {
    const message = 'virtualservices.networking.istio.io "reviews" is forbidden: User "viewer" cannot patch resource';
    expect(mapKubeError(apiException(403, { message }), 'patching')).toMatchObject({
      code: 'forbidden',
      status: 403,
      message,
    });
  });

  it('maps network failures and 5xx to unavailable', () => {
    expect(mapKubeError(new TypeError('fetch failed'), 'listing')).toMatchObject({ code: 'unavailable', status: 503 });
    expect(mapKubeError(apiException(503, ''), 'listing')).toMatchObject({ code: 'unavailable', status: 503 });
  });

  it('passes AppErrors through', () => {
    const original = new AppError('not_found', 'gone');
    expect(mapKubeError(original, 'x')).toBe(original);
  });
});
