/**
 * The style nonce of the page's Content-Security-Policy, which the server writes into index.html as
 * <meta name="csp-nonce"> (apps/api/src/http/static-files.ts). Libraries that add <style> elements
 * whose text varies (CodeMirror's style-mod) pass it on so the CSP admits exactly their styles.
 * Undefined under the Vite dev server, which sends no CSP.
 */
export function cspNonce(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined;
}
