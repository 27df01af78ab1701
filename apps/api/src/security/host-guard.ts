import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

/*
 * DNS rebinding and cross-site writes. A page on attacker.example can have its name resolve to
 * 127.0.0.1 and then talk to a local console as a same-origin page: with `--auth none` every write
 * goes out with the server's credentials. The browser still sends `Host: attacker.example`, so:
 *
 * - Host: every request's host name must be one this console is known by: localhost and loopback
 *   addresses, any IP literal (rebinding needs a name; kubelet probes and port-forwards use IPs),
 *   and the names given with --allowed-hosts (the Ingress host). 403 otherwise, on reads too: a
 *   rebound page could otherwise read the cluster's config with the server's credentials.
 * - Origin: a state-changing request that carries an Origin (every browser fetch/form does) must come
 *   from the same host or an allowed one; `Origin: null` (sandboxed frames, file:) is refused. Tools
 *   such as curl send no Origin and are not a cross-site vector.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK_NAMES = ['localhost'];

export interface HostGuardOptions {
  /** Extra host names (no port), e.g. the Ingress host. Case-insensitive; `*.example.com` allows subdomains. */
  allowedHosts: readonly string[];
}

export function hostGuard({ allowedHosts }: HostGuardOptions): RequestHandler {
  const allowed = [...LOOPBACK_NAMES, ...allowedHosts.map((h) => h.toLowerCase())];
  const known = (name: string) =>
    isIP(name) !== 0 ||
    name.endsWith('.localhost') ||
    allowed.some((a) => (a.startsWith('*.') ? name.endsWith(a.slice(1)) : a === name));
  return (req, _res, next) => {
    const host = hostName(req.headers.host);
    if (host === undefined || !known(host)) {
      throw new AppError(
        'forbidden',
        `Host "${req.headers.host ?? ''}" is not one this console is served as; add it with --allowed-hosts (SLUICE_ALLOWED_HOSTS) if it is`,
        403,
      );
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !SAFE_METHODS.has(req.method)) {
      const from = originHost(origin);
      if (from === undefined || (from !== host && !known(from))) {
        throw new AppError(
          'forbidden',
          `Cross-site write refused: Origin "${origin}" is not this console (${host}) or an allowed host`,
          403,
        );
      }
    }
    next();
  };
}

/** The host name of a Host header (`[::1]:8080` -> `::1`, `Example.com:80` -> `example.com`), or undefined. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    const { hostname } = new URL(`http://${header}`);
    if (!hostname) return undefined;
    const name = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname.toLowerCase();
    return name.endsWith('.') ? name.slice(0, -1) : name;
  } catch {
    return undefined;
  }
}

function originHost(origin: string): string | undefined {
  if (origin === 'null') return undefined;
  try {
    const { host } = new URL(origin);
    return hostName(host);
  } catch {
    return undefined;
  }
}
