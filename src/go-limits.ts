/**
 * Go's limits on what Prometheus and Alertmanager read, so monc never emits a value they
 * refuse: durations are int64 nanoseconds (prometheus/common model.Duration, about 292
 * years), whole numbers are int64.
 */

/** A Prometheus duration: units largest first, each at most once (model.ParseDuration), or 0. */
export const GO_DURATION = /^(?:0|(?=\d)(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?)$/;

const NANOSECONDS: Readonly<Record<string, bigint>> = {
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
  y: 31_536_000_000_000_000n,
};

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

/** Whether a duration (of GO_DURATION's syntax) fits in int64 nanoseconds; "duration out of range" if not. */
export function durationInRange(text: string): boolean {
  let total = 0n;
  for (const [, digits = '0', unit = ''] of text.matchAll(/(\d+)(ms|[smhdwy])/g)) {
    total += BigInt(digits) * (NANOSECONDS[unit] ?? 0n);
    if (total > MAX_INT64) return false;
  }
  return true;
}

/**
 * Whether a YAML integer (as Go's yaml.v3 reads it: strconv.ParseInt base 0, underscores
 * allowed) fits in int64; a larger one is read as a float and refused where an int goes.
 */
export function yamlIntegerInRange(text: string): boolean {
  const match = /^([-+]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!match) return false;
  const [, sign = '', digits = ''] = match;
  const clean = digits.replace(/_/g, '');
  const value = /^0[0-7]+$/.test(clean) ? BigInt(`0o${clean.slice(1)}`) : BigInt(clean);
  const signed = sign === '-' ? -value : value;
  return signed >= MIN_INT64 && signed <= MAX_INT64;
}
