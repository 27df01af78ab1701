/* The session cookie: read from the Cookie header, written as HttpOnly + SameSite=Strict + Path=/. */

export const SESSION_COOKIE = 'sluice_session';

/** The value of one cookie in a `Cookie:` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * A browser-session cookie (no Max-Age: the server expires idle sessions itself). `Secure` when the
 * request came over TLS; plain http on 127.0.0.1 (the default listen address) must keep working.
 */
export function sessionCookie(id: string, secure: boolean): string {
  return [`${SESSION_COOKIE}=${id}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    'HttpOnly',
    'SameSite=Strict',
    'Path=/',
    'Max-Age=0',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
