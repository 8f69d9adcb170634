/** A finding and the fragment of the expression it points at (its nth occurrence, from 1). */
export type Expected = readonly [check: string, fragment: string, nth?: number];

/** `check@file:line:column` of the nth occurrence of `fragment` in `expr`, which starts at line:column of file. */
export function fragmentAt(file: string, line: number, column: number, expr: string, [check, fragment, nth = 1]: Expected): string {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = expr.indexOf(fragment, index + 1);
    if (index < 0) throw new Error(`"${fragment}" (occurrence ${nth}) is not in ${expr}`);
  }
  return `${check}@${file}:${line}:${column + index}`;
}

/** `check@file:line:column` of the nth occurrence (from 1) of `needle` in the whole file `text`. */
export function at(check: string, file: string, text: string, needle: string, nth = 1): string {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" (occurrence ${nth}) is not in ${file}`);
  }
  const before = text.slice(0, index).split('\n');
  return `${check}@${file}:${before.length}:${(before.at(-1) ?? '').length + 1}`;
}
