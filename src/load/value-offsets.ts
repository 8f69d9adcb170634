/**
 * Maps an offset inside a string value to an offset inside its source text. The source of a
 * value is rarely the value itself: YAML block scalars carry indentation, quoted scalars and
 * TS strings carry escapes, template literals carry `${…}`. The two are aligned greedily where
 * they agree, and by their longest common subsequence inside a small window where they do not
 * (an escape, an indentation, a substitution), so the cost stays linear in the text's length.
 */

/** Value characters aligned per window; the window of source text is twice as long (indentation, `${…}`). */
const WINDOW = 96;

/** The offset in `raw` of `value[index]`; `index === value.length` maps to the end of the match. */
export function sourceOffsetOfValueIndex(raw: string, value: string, index: number): number {
  const direct = raw.indexOf(value);
  if (direct >= 0) return direct + index;
  const decoded = doubleQuotedOffsets(raw, value.length);
  if (decoded) return decoded[Math.min(index, value.length)] ?? raw.length;
  return alignment(raw, value, Math.min(index, value.length));
}

/** Value characters each escape stands for: \xXX, \uXXXX and \UXXXXXXXX by their digits; every other escape one. */
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * A double-quoted scalar on one line (a JSON string, most often): the source offset of each
 * value index, its escapes decoded one by one, where alignment could match a repeated stretch
 * of an escaped query to the wrong repetition. Undefined for anything else, and when the
 * decoding does not come to the value's length.
 */
function doubleQuotedOffsets(raw: string, length: number): number[] | undefined {
  if (raw[0] !== '"' || raw.includes('\n')) return undefined;
  const offsets: number[] = [];
  let j = 1;
  while (j < raw.length && raw[j] !== '"') {
    const start = j;
    let units = 1;
    if (raw[j] === '\\') {
      const digits = HEX_DIGITS[raw[j + 1] ?? ''] ?? 0;
      if (digits > 0) units = Number.parseInt(raw.slice(j + 2, j + 2 + digits), 16) > 0xffff ? 2 : 1;
      j += 2 + digits;
    } else j++;
    for (let k = 0; k < units; k++) offsets.push(start);
  }
  offsets.push(j);
  return offsets.length === length + 1 ? offsets : undefined;
}

/** The source offset of value[upTo], aligning no further than needed. */
function alignment(raw: string, value: string, upTo: number): number {
  let i = 0;
  let j = 0;
  while (i < upTo) {
    if (j < raw.length && value.charCodeAt(i) === raw.charCodeAt(j)) {
      i++;
      j++;
      continue;
    }
    // Where they differ, align a window and keep its first half: the rest is aligned again with what follows.
    const local = windowAlignment(raw.slice(j, j + 2 * WINDOW), value.slice(i, i + WINDOW));
    const keep = Math.max(1, Math.min(upTo - i, Math.floor(local.length / 2)));
    if (i + keep > upTo || keep >= local.length) {
      const target = local[Math.min(upTo - i, local.length - 1)] ?? 0;
      return Math.min(j + target, raw.length);
    }
    j += local[keep] ?? 0;
    i += keep;
  }
  // The character asked for may itself sit after decoration (indentation, a quote).
  if (upTo < value.length && value.charCodeAt(upTo) !== raw.charCodeAt(j)) {
    j += windowAlignment(raw.slice(j, j + 2 * WINDOW), value.slice(upTo, upTo + WINDOW))[0] ?? 0;
  }
  return Math.min(j, raw.length);
}

/** For each index of `value` (and its end), the aligned index in `raw`, by their longest common subsequence. */
function windowAlignment(raw: string, value: string): number[] {
  const rows = value.length + 1;
  const cols = raw.length + 1;
  // lcs[i][j] = LCS length of value[i..] and raw[j..], stored row-major
  const lcs = new Uint16Array(rows * cols);
  for (let i = value.length - 1; i >= 0; i--) {
    for (let j = raw.length - 1; j >= 0; j--) {
      lcs[i * cols + j] =
        value.charCodeAt(i) === raw.charCodeAt(j) ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
    }
  }
  const map: number[] = new Array<number>(rows);
  let i = 0;
  let j = 0;
  while (i < value.length) {
    if (j < raw.length && value.charCodeAt(i) === raw.charCodeAt(j) && lcs[i * cols + j] === (lcs[(i + 1) * cols + j + 1] ?? 0) + 1) {
      map[i++] = j++;
    } else if (j < raw.length && (lcs[i * cols + j + 1] ?? 0) >= (lcs[(i + 1) * cols + j] ?? 0)) {
      j++;
    } else {
      map[i++] = j;
    }
  }
  map[value.length] = j;
  return map;
}
