import type { ApiErrorCode } from '@sluice/model';
import { AppError, conflict } from '../errors/app-error';

/*
 * Maps what @kubernetes/client-node throws onto AppErrors, keeping the apiserver's own message
 * (it names the field and the rule, which is what the operator needs). ApiException carries `code`
 * (the HTTP status) and `body` (a metav1.Status, as text or parsed). No status at all means the
 * apiserver could not be reached: 503.
 */

interface StatusCause {
  field?: string;
  reason?: string;
  message?: string;
}
interface KubeStatus {
  message?: string;
  reason?: string;
  details?: { causes?: StatusCause[] };
}

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'invalid',
};

export function mapKubeError(err: unknown, what: string, currentResourceVersion?: string): AppError {
  if (err instanceof AppError) return err;
  const status = httpStatusOf(err);
  if (status === undefined || status >= 500) {
    const reason = err instanceof Error ? err.message : String(err);
    return new AppError('unavailable', `Kubernetes API unreachable while ${what}: ${reason}`, 503);
  }
  const body = statusBody(err);
  const message = body?.message ?? (err instanceof Error ? err.message : `HTTP ${status}`);
  const unknown = unknownFields(status, message);
  if (unknown) return unknown;
  const code = CODE_BY_STATUS[status] ?? 'bad_request';
  // Kubernetes says AlreadyExists on create and Conflict on a failed resourceVersion precondition.
  if (code === 'conflict')
    return conflict(body?.reason === 'AlreadyExists' ? 'exists' : 'stale', message, { currentResourceVersion });
  if (code === 'invalid') return new AppError('invalid', message, 422, findingsFromCauses(body, message));
  return new AppError(code, message, code === 'bad_request' ? 400 : undefined);
}

/**
 * Writes ask for fieldValidation=Strict, so a field the installed CRD does not know (a typo, or a
 * field of a newer Istio) is refused instead of silently pruned. The apiserver says so as a 400 on
 * create and as a 422 on patch whose message embeds the whole patched object; either way it is a
 * validation failure of the user's object: 422 with one finding per unknown field, and the message
 * cut to the apiserver's own words about the fields.
 */
function unknownFields(status: number, message: string): AppError | undefined {
  if (status !== 400 && status !== 422) return undefined;
  const at = message.indexOf('strict decoding error:');
  if (at < 0) return undefined;
  const paths = [...message.slice(at).matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1] ?? '');
  if (paths.length === 0) return undefined;
  const findings = paths.map((path) => ({
    path,
    code: 'unknown_field',
    severity: 'error',
    message: `unknown field "${path}": not in the installed CRD schema`,
  }));
  return new AppError('invalid', message.slice(at), 422, findings);
}

/** 422 details in the finding shape the UI shows for model validation (path, code, severity, message). */
function findingsFromCauses(body: KubeStatus | undefined, message: string) {
  const causes = body?.details?.causes ?? [];
  if (causes.length === 0) return [{ path: '', code: 'apiserver_invalid', severity: 'error', message }];
  return causes.map((cause) => ({
    path: cause.field ?? '',
    code: cause.reason ?? 'apiserver_invalid',
    severity: 'error',
    message: cause.message ?? message,
  }));
}

function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

function statusBody(err: unknown): KubeStatus | undefined {
  const body = (err as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as KubeStatus;
    } catch {
      return body ? { message: body } : undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as KubeStatus) : undefined;
}
