import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/*
 * The session cookie's value: the session sealed with AES-256-GCM (encrypted and authenticated in
 * one: a changed byte fails to open). Any replica holding the same secret opens any replica's cookie,
 * so a user logged in on one is served by the others with no shared store. The bearer token rides
 * inside, encrypted: the browser holds it only as ciphertext it cannot read (HttpOnly besides).
 * Layout: base64url(version byte | 12-byte IV | 16-byte tag | ciphertext); the key is HKDF-derived
 * from the configured secret so the secret's own format (any >= 32 bytes) does not matter.
 */

const VERSION = 1;
const AAD = Buffer.from('sluice_session/v1');
export const MIN_SECRET_BYTES = 32;

export interface Sealer {
  seal(payload: unknown): string;
  /** The payload, or undefined for anything not sealed with this secret (forged, truncated, old). */
  open(sealed: string): unknown;
}

export function createSealer(secret: Buffer): Sealer {
  if (secret.length < MIN_SECRET_BYTES) throw new Error(`the session secret needs at least ${MIN_SECRET_BYTES} bytes`);
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'sluice session cookie v1', 32));
  return {
    seal(payload) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(AAD);
      const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < 1 + 12 + 16 + 1 || raw[0] !== VERSION) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 13)).setAAD(AAD);
        decipher.setAuthTag(raw.subarray(13, 29));
        const text = Buffer.concat([decipher.update(raw.subarray(29)), decipher.final()]).toString('utf8');
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}
