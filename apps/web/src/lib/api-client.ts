import {
  API_ROUTES,
  CSRF_HEADER,
  apiErrorBodySchema,
  conflictDetailsSchema,
  findingSchema,
  type ApiErrorCode,
  type ConflictReason,
  type Finding,
} from '@sluice/model';
import type { z } from 'zod';
import { getCsrfToken, notifyUnauthorized } from './csrf';

/**
 * The one transport for the API: JSON in, zod-parsed JSON out, and a typed ApiError for every
 * non-2xx. No toasts or redirects here: components decide what an error means to the user.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'network' | 'bad_response',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 422 details parsed as findings; anything unparseable is dropped rather than shown raw. */
  get findings(): Finding[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.flatMap((d) => {
      const parsed = findingSchema.safeParse(d);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /**
   * Why a 409 was answered (details.reason). Only `stale` means "someone else changed it, reload";
   * `exists`, `managed`, `rollout` and `state` are refusals a reload cannot fix.
   */
  get conflictReason(): ConflictReason | undefined {
    if (this.code !== 'conflict') return undefined;
    const parsed = conflictDetailsSchema.safeParse(this.details);
    return parsed.success ? parsed.data.reason : undefined;
  }

  /** A 409 for a failed resourceVersion precondition: the one case the reload dialog is for. */
  get isStale(): boolean {
    return this.conflictReason === 'stale';
  }

  /** 409 details carry the resourceVersion that won. */
  get currentResourceVersion(): string | undefined {
    const d = this.details;
    if (d && typeof d === 'object' && 'currentResourceVersion' in d) {
      const v = (d as { currentResourceVersion: unknown }).currentResourceVersion;
      return typeof v === 'string' ? v : undefined;
    }
    return undefined;
  }
}

export const SESSION_PATH = API_ROUTES.session;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  { method = 'GET', body, signal }: RequestOptions = {},
): Promise<z.infer<S>> {
  let response: Response;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // Token login: every state-changing request carries the session's CSRF token (the cookie goes by itself).
  const csrf = getCsrfToken();
  if (method !== 'GET' && csrf) headers[CSRF_HEADER] = csrf;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The Sluice API cannot be reached');
  }
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy error page or similar: reported below as a bad response.
  }
  if (!response.ok) {
    // The session ended (logout elsewhere, idle expiry, server restart): the login page takes over.
    if (response.status === 401 && path !== SESSION_PATH) notifyUnauthorized();
    const parsed = apiErrorBodySchema.safeParse(json);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(response.status, code, message, details);
    }
    throw new ApiError(response.status, 'bad_response', `HTTP ${response.status} ${response.statusText}`.trim());
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(response.status, 'bad_response', `Unexpected response from ${path}: ${parsed.error.message}`);
  }
  return parsed.data;
}

/** Builds `?a=1&b=2`, leaving out undefined values. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}
