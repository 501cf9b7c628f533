// A Stryker "ignorer" plugin: string-literal mutants of the text an admin reads are not
// behaviour (mutating "expected 1 to 10" to "" says nothing about whether the rule works).
// Ignored: the value of an object property named in TEXT_PROPERTIES (a Problem's `message`,
// a rule's `description`, ...) when it is plain text: a string literal, or a template
// literal without `${...}`. A template with expressions stays mutated, because Stryker's
// ignore covers a node's descendants and what a message interpolates can be behaviour (for
// example whether a value is masked because it may be a password). Codes, fields,
// separators, regexes and every other string stay mutated too.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const TEXT_PROPERTIES = new Set(['message', 'description', 'reason', 'hint', 'summary']);

function propertyName(node) {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral') return node.value;
  return undefined;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'messages', {
    shouldIgnore(path) {
      const plainText = path.node.type === 'StringLiteral' || (path.node.type === 'TemplateLiteral' && path.node.expressions.length === 0);
      if (!plainText) return undefined;
      const parent = path.parentPath?.node;
      if (parent?.type === 'ObjectProperty' && parent.value === path.node && TEXT_PROPERTIES.has(propertyName(parent.key))) {
        return `text of "${propertyName(parent.key)}": wording for the admin, not behaviour`;
      }
      return undefined;
    },
  }),
];
