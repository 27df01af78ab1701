/*
 * RE2 patterns (what Envoy and istiod compile) read in JavaScript. JS RegExp accepts things RE2
 * refuses - lookaheads, lookbehinds, backreferences, atomic groups, possessive quantifiers, `\k<name>`
 * and other escapes - and RE2 accepts things JS refuses or reads differently (`(?P<name>...)`,
 * `[[:alpha:]]`, `\Q...\E`, `\z`, `\pL`, inline flags). So a pattern is never handed to `new RegExp`
 * as is: `translateRe2` walks it once with RE2's grammar, refuses what RE2's parser refuses (with a
 * position and istiod-like wording), and emits an equivalent JS source that is then compiled with the
 * `u` flag, which catches the structural errors both engines share (unbalanced groups, bad ranges,
 * nothing to repeat). Validation reports the refusals; the routing semantics match with the output.
 *
 * Approximations (RE2-valid input is never refused for them): `(?U)` (ungreedy) and inline flags
 * after the start of the pattern are dropped; `\s` keeps JS's wider whitespace set; a negated POSIX
 * class other than digit/space/word inside brackets matches anything.
 */

export type Re2Translation =
  | { ok: true; source: string; flags: string }
  | { ok: false; message: string; /** 0-based offset into the pattern. */ at: number };

const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const NEGATED_POSIX: Record<string, string> = { digit: '\\D', space: '\\S', word: '\\W' };
const MAX_REPEAT = 1000;

class Re2SyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const hex = (code: number) => `\\u{${code.toString(16)}}`;

/** `\p{Greek}` in RE2 is a script; JS wants `\p{Script=Greek}`. One- and two-letter names are categories. */
function unicodeClass(negated: boolean, name: string): string {
  const jsName = /^[A-Z][a-z]?$/.test(name) ? name : name === 'Any' ? 'Any' : `Script=${name}`;
  return name === 'Any' ? (negated ? '[^\\s\\S]' : '[\\s\\S]') : `\\${negated ? 'P' : 'p'}{${jsName}}`;
}

/** One escape sequence starting at `i` (the backslash); returns its JS text and where it ends. */
function escape(p: string, i: number, inClass: boolean): { js: string; end: number } {
  const c = p[i + 1];
  if (c === undefined) throw new Re2SyntaxError('trailing backslash at end of expression', i);
  if (c >= '0' && c <= '7') {
    // RE2: \0 and \1..\7 followed by octal digits are octal codes; a lone \1..\9 is a backreference.
    const m = /^[0-7]{1,3}/.exec(p.slice(i + 1)) as RegExpExecArray;
    if (c !== '0' && m[0].length === 1) throw new Re2SyntaxError(`backreferences (\\${c}) are not supported by RE2`, i);
    return { js: hex(parseInt(m[0], 8)), end: i + 1 + m[0].length };
  }
  if (c === '8' || c === '9') throw new Re2SyntaxError(`backreferences (\\${c}) are not supported by RE2`, i);
  const simple: Record<string, string> = { a: '\\x07', f: '\\f', t: '\\t', n: '\\n', r: '\\r', v: '\\v' };
  if (simple[c]) return { js: simple[c], end: i + 2 };
  if ('dDsSwW'.includes(c)) return { js: `\\${c}`, end: i + 2 };
  if (c === 'x') {
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(p.slice(i + 2));
    if (braced) return { js: hex(parseInt(braced[1] as string, 16)), end: i + 2 + braced[0].length };
    const two = /^[0-9A-Fa-f]{2}/.exec(p.slice(i + 2));
    if (two) return { js: hex(parseInt(two[0], 16)), end: i + 4 };
    throw new Re2SyntaxError('invalid escape sequence \\x', i);
  }
  if (c === 'p' || c === 'P') {
    const m = /^(?:\{(\^?)([A-Za-z_]+)\}|([A-Za-z]))/.exec(p.slice(i + 2));
    if (!m) throw new Re2SyntaxError(`invalid character class range \\${c}`, i);
    const name = (m[2] ?? m[3]) as string;
    return { js: unicodeClass((c === 'P') !== (m[1] === '^'), name), end: i + 2 + m[0].length };
  }
  if (!inClass) {
    if (c === 'b' || c === 'B') return { js: `\\${c}`, end: i + 2 };
    if (c === 'A') return { js: '(?<![\\s\\S])', end: i + 2 };
    if (c === 'z') return { js: '(?![\\s\\S])', end: i + 2 };
    if (c === 'C') return { js: '[\\s\\S]', end: i + 2 };
    if (c === 'Q') {
      const close = p.indexOf('\\E', i + 2);
      const text = p.slice(i + 2, close < 0 ? p.length : close);
      const js = [...text].map((ch) => (JS_SYNTAX.has(ch) ? `\\${ch}` : ch)).join('');
      return { js: js === '' ? '' : `(?:${js})`, end: close < 0 ? p.length : close + 2 };
    }
  }
  // Escaped punctuation stands for itself; any other escaped letter (\k, \e, \Z, \G, \u ...) is refused.
  if (/[A-Za-z0-9]/.test(c) || c.charCodeAt(0) >= 0x80) throw new Re2SyntaxError(`invalid escape sequence \\${c}`, i);
  const needsEscape = JS_SYNTAX.has(c) || (inClass && c === '-');
  return { js: needsEscape ? `\\${c}` : c, end: i + 2 };
}

/** A bracket expression starting at `i`; RE2 reads `]` first in the class, and `[` inside it, as literals. */
function charClass(p: string, i: number): { js: string; end: number } {
  let j = i + 1;
  let js = '[';
  if (p[j] === '^') {
    js += '^';
    j++;
  }
  let first = true;
  while (j < p.length) {
    const c = p[j] as string;
    if (c === ']' && !first) return { js: `${js}]`, end: j + 1 };
    first = false;
    if (c === '[' && p[j + 1] === ':') {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(j));
      if (m) {
        const name = m[2] as string;
        const set = m[1] ? (NEGATED_POSIX[name] ?? '\\s\\S') : POSIX[name];
        if (set === undefined) throw new Re2SyntaxError(`invalid character class range [:${name}:]`, j);
        js += set;
        j += m[0].length;
        continue;
      }
    }
    if (c === '\\') {
      const e = escape(p, j, true);
      js += e.js;
      j = e.end;
      continue;
    }
    js += c === '[' || c === ']' ? `\\${c}` : c;
    j++;
  }
  throw new Re2SyntaxError('missing closing ]', i);
}

/** `(?...` at `i`: named groups, non-capturing groups and flag groups are RE2; lookarounds and the like are not. */
function group(p: string, i: number, atStart: boolean): { js: string; end: number; flags?: string } {
  const rest = p.slice(i + 2);
  const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
  if (named) return { js: `(?<${named[1]}>`, end: i + 2 + named[0].length };
  if (/^<?[=!]/.test(rest)) throw new Re2SyntaxError('lookahead and lookbehind assertions are not supported by RE2', i);
  if (rest.startsWith('>')) throw new Re2SyntaxError('atomic groups (?>...) are not supported by RE2', i);
  if (rest.startsWith('P=') || rest.startsWith('P>'))
    throw new Re2SyntaxError('named backreferences are not supported by RE2', i);
  const flags = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
  if (!flags || (flags[1] === '' && flags[2] === undefined && flags[3] === ')'))
    throw new Re2SyntaxError(`invalid or unsupported Perl syntax (?${rest.slice(0, 2)}`, i);
  const end = i + 2 + flags[0].length;
  if (flags[3] === ':') return { js: '(?:', end };
  // A leading flag group becomes JS flags; elsewhere it is dropped (see the header comment).
  const jsFlags = [...(flags[1] ?? '')].filter((f) => f !== 'U' && !(flags[2] ?? '').includes(f)).join('');
  return { js: '', end, ...(atStart ? { flags: jsFlags } : {}) };
}

function translate(p: string): { source: string; flags: string } {
  let out = '';
  let flags = '';
  let i = 0;
  let afterRepeat = false;
  while (i < p.length) {
    const c = p[i] as string;
    if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(p.slice(i)))) {
      if (afterRepeat) throw new Re2SyntaxError(`invalid nested repetition operator ${p.slice(i - 1, i + 1)}`, i);
      let op = c;
      if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i)) as RegExpExecArray;
        const min = Number(m[1]);
        const max = m[3] ? Number(m[3]) : min;
        if (min > MAX_REPEAT || max > MAX_REPEAT)
          throw new Re2SyntaxError(`invalid repeat count ${m[0]} (RE2 allows at most ${MAX_REPEAT})`, i);
        if (m[3] && max < min) throw new Re2SyntaxError(`invalid repeat count ${m[0]}`, i);
        op = m[0];
      }
      out += op;
      i += op.length;
      if (p[i] === '?') {
        out += '?';
        i++;
      }
      afterRepeat = true;
      continue;
    }
    afterRepeat = false;
    if (c === '\\') {
      const e = escape(p, i, false);
      out += e.js;
      i = e.end;
    } else if (c === '[') {
      const e = charClass(p, i);
      out += e.js;
      i = e.end;
    } else if (c === '(' && p[i + 1] === '?') {
      const g = group(p, i, out === '' && flags === '');
      if (g.flags !== undefined) flags = g.flags;
      out += g.js;
      i = g.end;
    } else {
      // `{`, `}` and `]` that start no construct are literals in RE2; JS's u mode wants them escaped.
      out += c === '{' || c === '}' || c === ']' ? `\\${c}` : c;
      i++;
    }
  }
  return { source: out, flags };
}

/** RE2's reading of `pattern` as a JS RegExp source, or why RE2 (and so istiod) refuses it. */
export function translateRe2(pattern: string): Re2Translation {
  let result: { source: string; flags: string };
  try {
    result = translate(pattern);
  } catch (err) {
    if (err instanceof Re2SyntaxError) return { ok: false, message: err.message, at: err.at };
    throw err;
  }
  try {
    new RegExp(result.source, `${result.flags}u`);
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '') : '';
    return { ok: false, message: `not a valid regular expression (${reason})`, at: 0 };
  }
  return { ok: true, ...result };
}

/** The problem RE2 has with `pattern`, or undefined when RE2 compiles it. */
export function re2Problem(pattern: string): string | undefined {
  const t = translateRe2(pattern);
  return t.ok ? undefined : t.at > 0 ? `${t.message} (at offset ${t.at})` : t.message;
}
