/**
 * Maps an offset inside a string value to an offset inside its source text. The source of a
 * value is rarely the value itself: YAML block scalars carry indentation, quoted scalars and
 * TS strings carry escapes, template literals carry `${…}`. Aligning the two texts by their
 * longest common subsequence handles all of these with one rule.
 */

/** The offset in `raw` of `value[index]`; `index === value.length` maps to the end of the match. */
export function sourceOffsetOfValueIndex(raw: string, value: string, index: number): number {
  const direct = raw.indexOf(value);
  if (direct >= 0) return direct + index;
  return alignment(raw, value)[Math.min(index, value.length)] ?? raw.length;
}

function alignment(raw: string, value: string): number[] {
  const rows = value.length + 1;
  const cols = raw.length + 1;
  // lcs[i][j] = LCS length of value[i..] and raw[j..], stored row-major
  const lcs = new Uint32Array(rows * cols);
  for (let i = value.length - 1; i >= 0; i--) {
    for (let j = raw.length - 1; j >= 0; j--) {
      lcs[i * cols + j] =
        value.charCodeAt(i) === raw.charCodeAt(j)
          ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
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
