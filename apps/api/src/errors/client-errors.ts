import { AppError } from './app-error';

/*
 * Errors Express and its body parsers raise for a malformed request, turned into 400s that say what
 * was wrong. Without this they fell through to "internal server error" (500, stack in the log):
 * - a path parameter that is not valid percent-encoding (`/api/namespaces/%/services`, `a%ZZ`,
 *   `%E0%A4%A`): the router's decodeURIComponent throws a URIError tagged with status 400;
 * - a body whose Content-Encoding (gzip, deflate, br, zstd) does not match its bytes: the decompressor's
 *   error, tagged 400 by body-parser but with no `type`.
 */
export function clientError(err: unknown, contentEncoding: string | undefined): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, message } = err as { status?: unknown; message?: unknown };
  if (status !== 400) return undefined;
  if (err instanceof URIError) {
    const param = /param '(.*)'$/s.exec(String(message))?.[1];
    const text = `path parameter ${param === undefined ? '' : `"${param}" `}is not valid percent-encoding (use %XX escapes of UTF-8 bytes, e.g. %25 for a literal %)`;
    return new AppError('bad_request', text, 400, [{ path: 'params', code: 'bad_percent_encoding', message: text }]);
  }
  // zlib/brotli/zstd errors carry their own codes (Z_DATA_ERROR, ERR__ERROR_FORMAT_PADDING_2, ...) and no body-parser type.
  const encoding = contentEncoding?.trim().toLowerCase();
  if (encoding && encoding !== 'identity' && !('type' in err)) {
    const text = `request body is not valid ${encoding} as its Content-Encoding says (${String(message)}); send it uncompressed or encoded as declared`;
    return new AppError('bad_request', text, 400, [{ path: 'body', code: 'bad_content_encoding', message: text }]);
  }
  return undefined;
}
