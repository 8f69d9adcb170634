/** fast-check arbitraries for strings and documents built from what changes how YAML is written and read. */
import fc from 'fast-check';

/** Pieces that change quoting, folding or typing, and characters Go reads differently. */
const FRAGMENTS = [
  'a', 'job', ' ', '\n', '\n\n', '\t', '\r', ':', ': ', ' #', '#', '-', '- ', '?', '"', "'", '\\', '{{ $labels.job }}', '{', '}', '[', ']', ',', '|', '>', '*', '&', '!', '%', '@', '`',
  'yes', 'on', 'No', 'null', '~', '0', '007', '1.5', '1e3', '0x1F', '0b101', '12:30', '2026-12-06', '.inf', '---', '...', '<<', '=~', 'é', '€', '😀',
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u0090', '\u009f', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff',
];

/** Code points outside the fragments, surrogate halves excluded (the loaders report those). */
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

export const yamlStringArbitrary = fc.string({ unit: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: anyCodePoint }), maxLength: 12 });

const scalarArbitrary = fc.oneof(
  { weight: 6, arbitrary: yamlStringArbitrary },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0.001, 0.5, 14.4, 1e-7, 1e21, 99.95, 1 / 3) },
  { weight: 1, arbitrary: fc.boolean() },
);

export const yamlValueArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArbitrary,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(yamlStringArbitrary, tie('value'), { maxKeys: 3 }),
  ),
})).value;
