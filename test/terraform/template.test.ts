/**
 * The template scanner of the stand-in (template.ts): only expression code is
 * rewritten, never literal text. Pure: no terraform binary, no cdktf.
 */
import { escapeTemplate, escapeValue, jsonToHcl, matchNames, rewriteTemplate, splitTemplate, templateToHcl, TemplateSyntaxError, type RootRewriter } from './template';

/** A rewriter for the tests: aws_connect_user.users -> local.U, data.aws_x.y -> local.X (stand-in.ts has the real one). */
const rw: RootRewriter = (tokens, at) => {
  const m = matchNames(tokens, at, tokens[at].text === 'data' ? 3 : 2);
  const name = m?.names.join('.');
  if (name === 'aws_connect_user.users') return { count: m!.count, text: 'local.U' };
  if (name === 'data.aws_x.y') return { count: m!.count, text: 'local.X' };
  return undefined;
};

describe('rewriteTemplate: only expressions are rewritten', () => {
  it.each([
    // literal text, escapes
    ['plain text', 'aws_connect_user.users and data.aws_x.y', 'aws_connect_user.users and data.aws_x.y'],
    ['escapes', '$${aws_connect_user.users.x} %%{if aws_connect_user.users}', '$${aws_connect_user.users.x} %%{if aws_connect_user.users}'],
    ['`$` then the escape `$${`', '$$${aws_connect_user.users.x}', '$$${aws_connect_user.users.x}'],
    // interpolations and directives
    ['an interpolation', '${aws_connect_user.users["a"].arn}', '${local.U["a"].arn}'],
    ['a data source in text', 'x ${data.aws_x.y[each.key].id} y', 'x ${local.X[each.key].id} y'],
    ['a directive', '%{ for u in aws_connect_user.users }${u.name}%{ endfor }', '%{ for u in local.U }${u.name}%{ endfor }'],
    ['strip markers', '${~ aws_connect_user.users.x ~}', '${~ local.U.x ~}'],
    ['white space around the dots', '${ aws_connect_user . users .x}', '${ local.U .x}'],
    // nested strings: literal parts untouched, nested interpolations rewritten
    ['a nested string', '${format("aws_connect_user.users %s", aws_connect_user.users.x)}', '${format("aws_connect_user.users %s", local.U.x)}'],
    ['a nested interpolation', '${"a ${data.aws_x.y.id} \\"aws_connect_user.users\\""}', '${"a ${local.X.id} \\"aws_connect_user.users\\""}'],
    ['an escape in a nested string', '${"$${aws_connect_user.users}"}', '${"$${aws_connect_user.users}"}'],
    // not a root: an attribute, part of a longer identifier, or another name
    ['an attribute named like a resource', '${each.value.aws_connect_user.users}', '${each.value.aws_connect_user.users}'],
    ['an identifier with a dash', '${a-aws_connect_user.users}', '${a-aws_connect_user.users}'],
    ['a subtraction', '${1-aws_connect_user.users.x}', '${1-local.U.x}'],
    ['another resource of the type', '${aws_connect_user.other}', '${aws_connect_user.other}'],
    ['an object key', '${{aws_connect_user = 1}}', '${{aws_connect_user = 1}}'],
    ['a number with a dot', '${1.5 + aws_connect_user.users.n}', '${1.5 + local.U.n}'],
    ['an expansion', '${aws_connect_user.users[*].x}', '${local.U[*].x}'],
    // comments and heredocs
    ['a block comment', '${aws_connect_user.users /* aws_connect_user.users */}', '${local.U /* aws_connect_user.users */}'],
    ['a line comment', '${aws_connect_user.users # aws_connect_user.users\n}', '${local.U # aws_connect_user.users\n}'],
    ['a heredoc', '${<<EOT\naws_connect_user.users ${aws_connect_user.users.x}\nEOT\n}', '${<<EOT\naws_connect_user.users ${local.U.x}\nEOT\n}'],
    // user data
    ['quotes, backslashes, accents, emoji', 'Luís Gonçalves 😀 "q" \\ \n', 'Luís Gonçalves 😀 "q" \\ \n'],
  ])('%s', (_name, input, expected) => {
    expect(rewriteTemplate(input, rw)).toBe(expected);
  });

  it.each([
    ['an unclosed interpolation', '${aws_connect_user.users'],
    ['an unclosed nested string', '${"abc}'],
    ['an unclosed heredoc', '${<<EOT\nabc\n}'],
    ['an unclosed comment', '${a /* b}'],
  ])('throws on %s (standIn then leaves the string for Terraform to report)', (_name, input) => {
    expect(() => rewriteTemplate(input, rw)).toThrow(TemplateSyntaxError);
  });
});

describe('splitTemplate', () => {
  it('gives literal parts with their escapes, and the code inside ${ } and %{ }', () => {
    expect(splitTemplate('a $${b} ${c} %{ if d }e%{ endif }')).toStrictEqual([
      { kind: 'literal', text: 'a $${b} ' },
      { kind: 'interpolation', text: 'c' },
      { kind: 'literal', text: ' ' },
      { kind: 'directive', text: ' if d ' },
      { kind: 'literal', text: 'e' },
      { kind: 'directive', text: ' endif ' },
    ]);
  });

  it('skips braces inside the expression', () => {
    expect(splitTemplate('${{a = "}"}}x')).toStrictEqual([
      { kind: 'interpolation', text: '{a = "}"}' },
      { kind: 'literal', text: 'x' },
    ]);
  });
});

describe('escaping and conversion to native HCL', () => {
  it('escapeTemplate escapes ${ and %{ only', () => {
    expect(escapeTemplate('a ${b} %{c} $d {e} %%{')).toBe('a $${b} %%{c} $d {e} %%%{');
  });

  it('escapeValue escapes keys and values, and keeps a __proto__ key as a key', () => {
    const escaped = escapeValue(JSON.parse('{"__proto__": "${x}", "k${y}": ["%{z}", 1, null]}')) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(escaped, '__proto__')?.value).toBe('$${x}');
    expect(escaped['k$${y}']).toStrictEqual(['%%{z}', 1, null]);
  });

  it('a single interpolation keeps its type', () => {
    expect(templateToHcl('${each.value.n}')).toBe('(each.value.n)');
  });

  it('literal text is quoted and escaped, interpolations kept as written', () => {
    expect(templateToHcl('a "b" \\ ${f("x")}\n$${y}')).toBe('"a \\"b\\" \\\\ ${f("x")}\\n$${y}"');
  });

  it('control characters are escaped in quoted templates', () => {
    expect(templateToHcl('a\tb\r\u0001')).toBe('"a\\tb\\r\\u0001"');
  });

  it('strip markers make a template, not a bare expression', () => {
    expect(templateToHcl('${~ x ~}')).toBe('"${~ x ~}"');
  });

  it('values and keys, __proto__ included', () => {
    expect(jsonToHcl(JSON.parse('{"__proto__": [1, true, null, "${x}"]}'))).toBe('{"__proto__" = [1, true, null, (x)]}');
  });
});
