import { canonicalize } from './canonical.ts';

export function toJson(value: unknown, leadingKeys: readonly string[] = []): string {
  return `${JSON.stringify(canonicalize(value, leadingKeys), null, 2)}\n`;
}
