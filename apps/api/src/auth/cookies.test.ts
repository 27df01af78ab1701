import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE, clearedSessionCookie, readCookie, sessionCookie } from './cookies';

describe('session cookie', () => {
  it('reads exactly the named cookie from a Cookie header', () => {
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined();
    expect(readCookie('a=1; sluice_session=abc; b=2', SESSION_COOKIE)).toBe('abc');
    expect(readCookie('xsluice_session=evil; sluice_session_old=x', SESSION_COOKIE)).toBeUndefined();
    expect(readCookie('sluice_session=', SESSION_COOKIE)).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Strict, Path=/, Secure only over TLS, and cleared with Max-Age=0', () => {
    expect(sessionCookie('id', false)).toBe('sluice_session=id; HttpOnly; SameSite=Strict; Path=/');
    expect(sessionCookie('id', true)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toBe('sluice_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
  });
});
