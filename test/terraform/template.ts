/**
 * Terraform template and expression text, read the way Terraform reads it:
 * just enough of HCL's lexical rules to find the expression parts of a
 * JSON-syntax template and to rewrite root references inside them, without
 * ever touching literal text. Pure functions, no dependencies.
 *
 * In Terraform JSON every string in an expression position (and every object
 * key of an expression object) is a template: `${ expr }` interpolates,
 * `%{ directive }` is a control directive, and `$${` / `%%{` stand for a
 * literal `${` / `%{`. Everything else is literal (JSON has already decoded
 * backslashes). Inside an interpolation the text is HCL expression syntax,
 * which may hold nested quoted templates ("a ${b} c"), heredocs and comments.
 */

/** One piece of a template: literal text (raw, escapes kept) or the text inside `${ }` / `%{ }`. */
export type TemplatePart =
  | { kind: 'literal'; text: string }
  | { kind: 'interpolation' | 'directive'; text: string };

/** Thrown by the scanners when a template is not well formed (an unclosed `${`, string or heredoc). */
export class TemplateSyntaxError extends Error {}

const isIdStart = (c: string | undefined) => c !== undefined && /[\p{L}\p{Nl}_]/u.test(c);
const isIdChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_-]/u.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Splits a JSON-syntax template into literal and `${ }` / `%{ }` parts.
 * Literal parts keep their escapes (`$${`, `%%{`) as written, so joining the
 * parts back (with their delimiters) gives the original text.
 */
export function splitTemplate(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      literal += s.slice(i, i + 3); // an escape: stays literal
      i += 3;
    } else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
      const end = scanExpression(s, i + 2);
      parts.push({ kind: s[i] === '$' ? 'interpolation' : 'directive', text: s.slice(i + 2, end) });
      i = end + 1;
    } else {
      literal += s[i];
      i++;
    }
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return parts;
}

/**
 * From `start` (just after `${` or `%{`, or inside `( )` ...), returns the index
 * of the `}` that closes the expression, skipping nested braces, quoted
 * templates, heredocs and comments.
 */
function scanExpression(s: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') i = scanQuoted(s, i + 1);
    else if (s.startsWith('<<', i) && heredocAt(s, i)) i = scanHeredoc(s, i).end;
    else if (c === '#' || s.startsWith('//', i)) i = lineEnd(s, i);
    else if (s.startsWith('/*', i)) i = blockCommentEnd(s, i);
    else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
      i++;
    } else i++;
  }
  throw new TemplateSyntaxError(`unclosed template sequence in ${JSON.stringify(s)}`);
}

/** From just after an opening `"`, returns the index just after the closing `"`. */
function scanQuoted(s: string, start: number): number {
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (s.startsWith('$${', i) || s.startsWith('%%{', i)) i += 3;
    else if (s.startsWith('${', i) || s.startsWith('%{', i)) i = scanExpression(s, i + 2) + 1;
    else if (c === '"') return i + 1;
    else if (c === '\n') break; // a quoted template cannot span lines
    else i++;
  }
  throw new TemplateSyntaxError(`unclosed string in ${JSON.stringify(s)}`);
}

const HEREDOC = /^<<(-?)([\p{L}_][\p{L}\p{Nd}_-]*)\r?\n/u;

function heredocAt(s: string, i: number): boolean {
  return HEREDOC.test(s.slice(i, i + 200));
}

/** A heredoc starting at `i`: where its body starts and ends, and the index after its closing marker line. */
function scanHeredoc(s: string, i: number): { bodyStart: number; bodyEnd: number; end: number } {
  const m = HEREDOC.exec(s.slice(i, i + 200))!;
  const marker = m[2];
  const bodyStart = i + m[0].length;
  let pos = bodyStart; // always at the start of a line
  while (pos < s.length) {
    const nl = s.indexOf('\n', pos);
    const eol = nl < 0 ? s.length : nl;
    if (s.slice(pos, eol).replace(/\r$/, '').trim() === marker) return { bodyStart, bodyEnd: pos, end: eol };
    // Interpolations in the body may span lines: skip them whole.
    let j = pos;
    while (j < s.length && s[j] !== '\n') {
      if (s.startsWith('$${', j) || s.startsWith('%%{', j)) j += 3;
      else if (s.startsWith('${', j) || s.startsWith('%{', j)) j = scanExpression(s, j + 2) + 1;
      else j++;
    }
    pos = j + 1;
  }
  throw new TemplateSyntaxError(`unclosed heredoc <<${marker}`);
}

function lineEnd(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl < 0 ? s.length : nl;
}

function blockCommentEnd(s: string, i: number): number {
  const end = s.indexOf('*/', i + 2);
  if (end < 0) throw new TemplateSyntaxError('unclosed /* comment');
  return end + 2;
}

/**
 * Rewrites the root references of a piece of expression syntax (the text
 * inside `${ }`, a condition, ...). `replace(tokens, i)` is called at every
 * identifier that starts a traversal (not after a `.`), with the following
 * tokens, and returns how many tokens it consumed and their replacement, or
 * undefined to leave the identifier as it is. Quoted templates and heredocs
 * nested in the expression are rewritten as templates (their literal text is
 * left alone); comments are left alone.
 */
export type RootRewriter = (tokens: Token[], at: number) => { count: number; text: string } | undefined;

/** A lexical token of expression code: an identifier, a number, a `.`, other punctuation, or white space. */
export interface Token {
  kind: 'ident' | 'number' | 'dot' | 'space' | 'other';
  text: string;
}

export function rewriteExpression(expr: string, rewrite: RootRewriter): string {
  let out = '';
  let code = ''; // code between literals, tokenized and rewritten as one run
  const flush = () => {
    out += rewriteCode(code, rewrite);
    code = '';
  };
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"') {
      flush();
      const end = scanQuoted(expr, i + 1);
      out += '"' + rewriteTemplate(expr.slice(i + 1, end - 1), rewrite) + '"';
      i = end;
    } else if (expr.startsWith('<<', i) && heredocAt(expr, i)) {
      flush();
      const h = scanHeredoc(expr, i);
      out += expr.slice(i, h.bodyStart) + rewriteTemplate(expr.slice(h.bodyStart, h.bodyEnd), rewrite) + expr.slice(h.bodyEnd, h.end);
      i = h.end;
    } else if (c === '#' || expr.startsWith('//', i)) {
      flush();
      const end = lineEnd(expr, i);
      out += expr.slice(i, end);
      i = end;
    } else if (expr.startsWith('/*', i)) {
      flush();
      const end = blockCommentEnd(expr, i);
      out += expr.slice(i, end);
      i = end;
    } else {
      code += c;
      i++;
    }
  }
  flush();
  return out;
}

/**
 * Rewrites the references inside every `${ }` and `%{ }` of a template; the
 * literal text between them is copied unchanged. Throws TemplateSyntaxError
 * on a malformed template.
 */
export function rewriteTemplate(template: string, rewrite: RootRewriter): string {
  if (!template.includes('{')) return template; // no interpolation possible: the common case
  return splitTemplate(template)
    .map((p) => {
      if (p.kind === 'literal') return p.text;
      const open = p.kind === 'interpolation' ? '${' : '%{';
      return open + rewriteExpression(p.text, rewrite) + '}';
    })
    .join('');
}

function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    let j = i + 1;
    let kind: Token['kind'];
    if (isIdStart(c)) {
      while (isIdChar(code[j])) j++;
      kind = 'ident';
    } else if (isDigit(c)) {
      // HCL numbers: 1, 1.5, 1e3 (a `.` followed by a digit belongs to the number).
      while (isDigit(code[j])) j++;
      if (code[j] === '.' && isDigit(code[j + 1])) for (j++; isDigit(code[j]); j++);
      if ((code[j] === 'e' || code[j] === 'E') && (isDigit(code[j + 1]) || ((code[j + 1] === '+' || code[j + 1] === '-') && isDigit(code[j + 2])))) {
        for (j += 2; isDigit(code[j]); j++);
      }
      kind = 'number';
    } else if (isSpace(c)) {
      while (isSpace(code[j])) j++;
      kind = 'space';
    } else if (c === '.') {
      // `...` (the expansion symbol) is punctuation, not an attribute access
      if (code.startsWith('...', i)) j = i + 3;
      kind = j === i + 1 ? 'dot' : 'other';
    } else kind = 'other';
    tokens.push({ kind, text: code.slice(i, j) });
    i = j;
  }
  return tokens;
}

function rewriteCode(code: string, rewrite: RootRewriter): string {
  if (code === '') return code;
  const tokens = tokenize(code);
  let out = '';
  let previous: Token | undefined; // the previous token that is not white space
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i];
    if (t.kind === 'ident' && previous?.kind !== 'dot') {
      const r = rewrite(tokens, i);
      if (r) {
        out += r.text;
        previous = { kind: 'ident', text: '' };
        i += r.count;
        continue;
      }
    }
    out += t.text;
    if (t.kind !== 'space') previous = t;
    i++;
  }
  return out;
}

/**
 * Matches `ident . ident . ident ...` starting at tokens[at] (white space
 * allowed around the dots, as HCL allows). Returns the identifiers and the
 * number of tokens they span, for as many names as asked.
 */
export function matchNames(tokens: Token[], at: number, names: number): { names: string[]; count: number } | undefined {
  const found: string[] = [tokens[at].text];
  let i = at + 1;
  while (found.length < names) {
    let j = i;
    while (tokens[j]?.kind === 'space') j++;
    if (tokens[j]?.kind !== 'dot') return undefined;
    j++;
    while (tokens[j]?.kind === 'space') j++;
    if (tokens[j]?.kind !== 'ident') return undefined;
    found.push(tokens[j].text);
    i = j + 1;
  }
  return { names: found, count: i - at };
}

// ---------------------------------------------------------------------------
// Escaping and conversion to native HCL syntax

/** Escapes literal text for a JSON-syntax template: `${` -> `$${`, `%{` -> `%%{`. */
export function escapeTemplate(value: string): string {
  // Replacement functions, so `$` in the replacement text is not a pattern.
  return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Escapes every string (keys too) of a plain JSON value so Terraform reads it literally. */
export function escapeValue(value: unknown): unknown {
  if (typeof value === 'string') return escapeTemplate(value);
  if (Array.isArray(value)) return value.map(escapeValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setKey(out, escapeTemplate(k), escapeValue(v));
    return out;
  }
  return value;
}

/** Sets an own property, even `__proto__` (plain assignment would change the prototype instead). */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Escapes literal template text for a native quoted template ("..."): backslash, quote and control characters. */
function escapeQuotedLiteral(text: string): string {
  return text.replace(/[\\"\u0000-\u001f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/**
 * A JSON-syntax template as a native HCL expression with the same value:
 * exactly one `${expr}` becomes `(expr)` (keeping the value's type, as
 * Terraform does for such a template), anything else a quoted template whose
 * literal text is escaped for the quotes; `$${` and `%%{` mean the same in
 * both syntaxes and are kept.
 */
export function templateToHcl(template: string): string {
  const parts = splitTemplate(template);
  if (parts.length === 1 && parts[0].kind === 'interpolation' && !/^~|~$/.test(parts[0].text.trim())) {
    return `(${parts[0].text.trim()})`;
  }
  const body = parts
    .map((p) => (p.kind === 'literal' ? escapeQuotedLiteral(p.text) : `${p.kind === 'interpolation' ? '${' : '%{'}${p.text}}`))
    .join('');
  return `"${body}"`;
}

/** A Terraform JSON expression value (strings are templates) as a native HCL expression. */
export function jsonToHcl(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return templateToHcl(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonToHcl).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${templateToHcl(k)} = ${jsonToHcl(v)}`);
    return `{${entries.join(', ')}}`;
  }
  throw new Error(`not a JSON value: ${String(value)}`);
}
