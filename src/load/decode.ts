import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../check-descriptors.ts';
import { SourceText } from './source-text.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface Decoded {
  /** The text; for a file that is not UTF-8, its valid prefix, so positions still resolve. */
  readonly source: SourceText;
  readonly problem: LoadProblem | undefined;
}

/** Decodes a file as UTF-8, or points at its first byte that is not. */
export function decodeSource(file: string, bytes: Uint8Array): Decoded {
  try {
    return { source: new SourceText(file, utf8.decode(bytes)), problem: undefined };
  } catch {
    const bad = firstInvalidByte(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const at = { file, start: prefix.length, end: prefix.length + 1 };
    const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
    return {
      source: new SourceText(file, prefix),
      problem: loadProblem(LOAD_CHECKS.encoding, at, `the file is not UTF-8 (byte 0x${byte} at offset ${bad}); save it as UTF-8`),
    };
  }
}

function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return i;
}
