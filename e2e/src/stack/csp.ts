import type { Page } from '@playwright/test';

/*
 * Content-Security-Policy violations, collected while a journey runs. The console is served with a
 * strict CSP (apps/api/src/security/headers.ts); a script, style or connection it blocks would break
 * part of the page silently, so every journey fails when the browser reports one. Two channels: the
 * `securitypolicyviolation` DOM event (reported through a binding, surviving navigations) and the
 * console error Chromium prints ("Refused to ... Content Security Policy").
 */

export interface CspWatch {
  violations(): string[];
}

export async function watchCsp(page: Page): Promise<CspWatch> {
  const found: string[] = [];
  await page.exposeBinding('__sluiceCspViolation', (_source, text: string) => void found.push(text));
  // A string: e2e compiles without the DOM library; this runs in the page before its own scripts.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    window.__sluiceCspViolation?.(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });`);
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) found.push(msg.text());
  });
  return { violations: () => [...new Set(found)] };
}
