import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { ConfigError } from '../config/config';
import { MIN_SECRET_BYTES } from './session-seal';

/*
 * Where the cookie-sealing secret comes from: a file (a mounted Kubernetes Secret; every replica
 * mounts the same one), the SLUICE_SESSION_KEY environment variable (from a Secret via secretKeyRef),
 * or - for one process on a laptop - a random secret made at start: sessions then end with the
 * process and a second replica could not open them, which the log says.
 */
export function loadSessionSecret(file: string | undefined, env: NodeJS.ProcessEnv, logger: Logger): Buffer {
  if (file) {
    let text: Buffer;
    try {
      text = readFileSync(file);
    } catch (err) {
      throw new ConfigError(`--session-key-file ${file} cannot be read: ${(err as Error).message}`);
    }
    return checked(Buffer.from(text.toString('utf8').trim(), 'utf8'), `--session-key-file ${file}`);
  }
  const value = env.SLUICE_SESSION_KEY?.trim();
  if (value) return checked(Buffer.from(value, 'utf8'), 'SLUICE_SESSION_KEY');
  logger.warn(
    'no --session-key-file or SLUICE_SESSION_KEY: sessions are sealed with a random key and end when this process does; replicas need a shared key',
  );
  return randomBytes(MIN_SECRET_BYTES);
}

function checked(secret: Buffer, where: string): Buffer {
  if (secret.length < MIN_SECRET_BYTES)
    throw new ConfigError(`${where} must hold at least ${MIN_SECRET_BYTES} bytes (e.g. openssl rand -base64 48)`);
  return secret;
}
