/**
 * Finds every problem code the source can emit, by reading it (TypeScript's
 * parser, no type checker): a string literal that is the `code` of an object
 * literal, directly or through a variable, a conditional or `??`; and, when
 * the `code` is a parameter of a helper, the literals its callers pass there.
 */
import * as ts from 'typescript';

export interface CodeScan {
  /** The codes found, e.g. NO_USERS. */
  readonly codes: Set<string>;
  /** `code` values the scan cannot follow (a call, a template with substitutions), as `file: expression`. */
  readonly unresolved: string[];
}

const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

type FunctionLike = ts.FunctionLikeDeclaration;

/** The name a function is called by: its own, its variable's, its method's, or its class's for a constructor. */
function nameOf(fn: FunctionLike): string | undefined {
  if (ts.isConstructorDeclaration(fn)) return ts.isClassLike(fn.parent) ? fn.parent.name?.text : undefined;
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

function enclosingFunctions(node: ts.Node): FunctionLike[] {
  const found: FunctionLike[] = [];
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) && 'body' in n) found.push(n as FunctionLike);
  return found;
}

export function scanCodes(files: readonly { name: string; text: string }[]): CodeScan {
  const codes = new Set<string>();
  const unresolved: string[] = [];
  /** Helper name -> indexes of parameters that carry a code. */
  const codeParams = new Map<string, Set<number>>();
  const addParam = (name: string, index: number): boolean => {
    const set = codeParams.get(name) ?? new Set<number>();
    codeParams.set(name, set);
    if (set.has(index)) return false;
    set.add(index);
    return true;
  };

  const parsed = files.map((f) => ({ name: f.name, source: ts.createSourceFile(f.name, f.text, ts.ScriptTarget.ES2022, true) }));

  /** Adds the codes an expression can evaluate to; returns whether a new code-carrying parameter was found. */
  function follow(expr: ts.Expression, file: ts.SourceFile, fileName: string, seen = new Set<ts.Node>()): boolean {
    if (seen.has(expr)) return false;
    seen.add(expr);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
      if (CODE.test(expr.text)) codes.add(expr.text);
      else unresolved.push(`${fileName}: ${expr.getText(file)} (not a code)`);
      return false;
    }
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isNonNullExpression(expr)) {
      return follow(expr.expression, file, fileName, seen);
    }
    if (ts.isConditionalExpression(expr)) return follow(expr.whenTrue, file, fileName, seen) || follow(expr.whenFalse, file, fileName, seen);
    if (ts.isBinaryExpression(expr)) return follow(expr.left, file, fileName, seen) || follow(expr.right, file, fileName, seen);
    // A code read from an object (err.code, result.code) was made elsewhere, where it is a literal.
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) return false;
    if (ts.isIdentifier(expr)) {
      for (const fn of enclosingFunctions(expr)) {
        const index = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === expr.text);
        if (index < 0) continue;
        const name = nameOf(fn);
        if (name) return addParam(name, index);
        unresolved.push(`${fileName}: ${expr.text} (a parameter of an anonymous function)`);
        return false;
      }
      let changed = false;
      let declared = false;
      file.forEachChild(function visit(n: ts.Node): void {
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === expr.text && n.initializer) {
          declared = true;
          changed = follow(n.initializer, file, fileName, seen) || changed;
        }
        n.forEachChild(visit);
      });
      if (!declared) unresolved.push(`${fileName}: ${expr.text}`);
      return changed;
    }
    unresolved.push(`${fileName}: ${expr.getText(file)}`);
    return false;
  }

  // Parameters named `code` carry codes, whatever the helper.
  for (const { source } of parsed) {
    source.forEachChild(function visit(n: ts.Node): void {
      if (ts.isFunctionLike(n)) {
        const name = nameOf(n as FunctionLike);
        n.parameters.forEach((p, i) => {
          if (name && ts.isIdentifier(p.name) && p.name.text === 'code') addParam(name, i);
        });
      }
      n.forEachChild(visit);
    });
  }

  // The `code` of object literals.
  for (const { name, source } of parsed) {
    source.forEachChild(function visit(n: ts.Node): void {
      if (ts.isPropertyAssignment(n) && n.name.getText(source) === 'code' && ts.isObjectLiteralExpression(n.parent)) follow(n.initializer, source, name);
      if (ts.isShorthandPropertyAssignment(n) && n.name.text === 'code') follow(n.name, source, name);
      n.forEachChild(visit);
    });
  }

  // What callers pass to code-carrying parameters, until no new helper is found.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { name, source } of parsed) {
      source.forEachChild(function visit(n: ts.Node): void {
        if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments) {
          const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : ts.isIdentifier(n.expression) ? n.expression.text : undefined;
          for (const index of (callee && codeParams.get(callee)) || []) {
            const arg = n.arguments[index];
            if (arg) changed = follow(arg, source, name) || changed;
          }
        }
        n.forEachChild(visit);
      });
    }
  }
  return { codes, unresolved: [...new Set(unresolved)] };
}
