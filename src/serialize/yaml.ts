import { Document, Scalar, visit } from 'yaml';
import { canonicalize } from './canonical.ts';

/**
 * Plain scalars that a YAML 1.2 reader (Go's yaml.v3 into interface{}, most tools) takes for
 * something other than a string. YAML 1.1 output already quotes its own specials (yes, on,
 * 0755); these are the 1.2 core-schema forms it does not know, such as 0o755.
 */
const YAML_12_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * YAML that Go readers (Prometheus, Alertmanager) read as we mean it: YAML 1.1 quoting so
 * `on`/`yes` stay strings, strings that YAML 1.2 would retype quoted too, no line folding,
 * multi-line PromQL as literal blocks.
 */
export function toYaml(value: unknown, header: string, leadingKeys: readonly string[]): string {
  const document = new Document(canonicalize(value, leadingKeys), { version: '1.1' });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && YAML_12_NON_STRING.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const body = document.toString({ lineWidth: 0, minContentWidth: 0, blockQuote: 'literal', indentSeq: true });
  return `${header}${body}`;
}
