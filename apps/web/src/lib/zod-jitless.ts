import { config } from 'zod';

/*
 * Imported first by main.tsx, before any schema is built. zod 4 compiles object parsers with
 * `new Function` when the page allows eval, and probes for that at schema construction; under the
 * console's CSP (no 'unsafe-eval') the probe itself is reported as a violation. Jitless parsing is
 * the same validation without code generation (decision 0061).
 */
config({ jitless: true });
