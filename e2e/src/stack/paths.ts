import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The built web app the API serves in every journey. */
export const WEB_DIST = `${REPO_ROOT}apps/web/dist`;
