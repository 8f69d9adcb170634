/**
 * `text` as one flat string. V8 keeps a string built by concatenation as a tree of its parts
 * (a rope, about 32 bytes a part) until something reads its characters. The texts monc
 * generates and keeps for the whole build (SLO expressions, annotations, test series) are
 * made of dozens of parts each, so they are flattened where they are made: reading one
 * character flattens the tree, and the garbage collector then drops the parts.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
