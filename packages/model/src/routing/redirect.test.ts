import { describe, expect, it } from 'vitest';
import { redirectAnswer } from './redirect';

describe('redirectAnswer', () => {
  it('the demoapp seed: /backend -> http://backend:8082/ with 301', () => {
    expect(redirectAnswer({ uri: '/', authority: 'backend', port: 8082 }, { host: 'proxy', path: '/backend' })).toEqual(
      {
        status: 301,
        location: 'http://backend:8082/',
      },
    );
  });
  it('keeps what the redirect does not replace, and drops default ports', () => {
    expect(redirectAnswer({ uri: '/v2' }, { host: 'a.example.com:8080', path: '/v1' }).location).toBe(
      'http://a.example.com:8080/v2',
    );
    expect(redirectAnswer({ scheme: 'https', redirectCode: 308 }, { host: 'a.example.com', path: '/x?y=1' })).toEqual({
      status: 308,
      location: 'https://a.example.com/x?y=1',
    });
    expect(redirectAnswer({ authority: 'b', port: 80 }, { host: 'a' }).location).toBe('http://b/');
    expect(
      redirectAnswer({ authority: 'b', derivePort: 'FROM_REQUEST_PORT' }, { host: 'a', port: 9080 }).location,
    ).toBe('http://b:9080/');
  });
});
