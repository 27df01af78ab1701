import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config';
import { currentRequestId } from './request-context';

/*
 * The server's logger: one JSON object per line on stdout (pino), ISO timestamps, the request id of
 * the request being handled (if any), and no secrets. Bearer tokens, cookies and CSRF tokens are
 * censored wherever they appear under the usual keys, including inside logged errors (client-node's
 * errors can carry the request's headers).
 */

const SECRET_KEYS = ['authorization', 'Authorization', 'cookie', 'Cookie', 'set-cookie', 'token', 'csrfToken'];
const REDACTED_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.headers.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.headers.${k}`),
  'err.body',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { service: 'sluice', pid: process.pid },
      serializers: { err: stdSerializers.err },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin() {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}
