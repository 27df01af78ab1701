import { randomBytes } from 'node:crypto';
import helmet from 'helmet';
import type { RequestHandler, Response } from 'express';

/*
 * Security headers on every response (API and web app), by helmet. The CSP is the narrowest the
 * built SPA runs under in Chromium with no violation (e2e journeys fail on any, see
 * e2e/src/stack/csp.ts): scripts, styles, fonts and XHR/EventSource from this origin only; images
 * also as data: URIs (PatternFly's CSS draws icons and the favicon is an inline SVG). No
 * 'unsafe-inline' and no 'unsafe-eval': React, PatternFly and cytoscape set styles through the CSSOM
 * (element.style), which style-src does not govern; the one inline <style> (cytoscape's) is allowed
 * by its hash; the YAML editor's (CodeMirror's style-mod, whose text depends on the theme) by a
 * per-response nonce that index.html carries to the web app (cspNonce below); zod runs jitless in the web app (apps/web/src/lib/zod-jitless.ts) so nothing needs
 * eval. Decision 0061 records the choice.
 */
const CYTOSCAPE_CONTAINER_STYLE = 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8=';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Plus one hash: cytoscape's canvas renderer adds `<style>.__________cytoscape_container { position: relative; }</style>`
  // to <head> when a graph mounts; this allows exactly that text and no other inline style.
  'style-src': ["'self'", `'${CYTOSCAPE_CONTAINER_STYLE}'`],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  // The logged-in console must never be framed (clickjacking a weight slider); X-Frame-Options for old browsers.
  'frame-ancestors': ["'none'"],
} as const;

/** The nonce of this response's CSP (fresh per response, 128 random bits); static-files puts it into index.html. */
export function cspNonce(res: Response): string {
  return (res.locals as { cspNonce: string }).cspNonce;
}

export function securityHeaders(): RequestHandler {
  const directives: Record<string, (string | ((req: unknown, res: Response) => string))[]> = Object.fromEntries(
    Object.entries(CONTENT_SECURITY_POLICY).map(([k, v]) => [k, [...v]]),
  );
  directives['style-src']?.push((_req, res) => `'nonce-${cspNonce(res)}'`);
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: directives as never },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Only a TLS terminator knows whether the console is served over https; HSTS there, not from here.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  return (req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    headers(req, res, next);
  };
}
