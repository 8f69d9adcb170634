import { stringify } from 'yaml';
import { canonicalize } from './canonical.ts';

/**
 * YAML that Go readers (Prometheus, Alertmanager) read as we mean it: YAML 1.1 quoting so
 * `on`/`yes` stay strings, no line folding, multi-line PromQL as literal blocks.
 */
export function toYaml(value: unknown, header: string, leadingKeys: readonly string[]): string {
  const body = stringify(canonicalize(value, leadingKeys), {
    version: '1.1',
    lineWidth: 0,
    minContentWidth: 0,
    blockQuote: 'literal',
    indentSeq: true,
  });
  return `${header}${body}`;
}
