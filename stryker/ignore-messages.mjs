// A Stryker "ignorer" plugin: string-literal and template-literal mutants inside the
// text an admin reads are not behaviour (mutating "expected 1 to 10" to "" says nothing
// about whether the rule works). Ignored: the values of object properties named in
// TEXT_PROPERTIES (a Problem's `message`, a rule's `description`, ...). Codes, fields,
// separators, regexes and every other string stay mutated.
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
      if (path.node.type !== 'StringLiteral' && path.node.type !== 'TemplateLiteral') return undefined;
      const parent = path.parentPath?.node;
      if (parent?.type === 'ObjectProperty' && parent.value === path.node && TEXT_PROPERTIES.has(propertyName(parent.key))) {
        return `text of "${propertyName(parent.key)}": wording for the admin, not behaviour`;
      }
      return undefined;
    },
  }),
];
