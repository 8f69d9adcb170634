/** The JSON Schema formats monc's schemas use, for ajv at run time and for the validators compiled at bundle time. */
import { DURATION_FORMAT } from '../api/schema.ts';
import { durationInRange, GO_DURATION } from '../go-limits.ts';

export const SCHEMA_FORMATS = {
  // Syntax is the pattern's job; the format adds Go's range, so a bad duration gets one finding.
  [DURATION_FORMAT]: { type: 'string', validate: (text: string) => !GO_DURATION.test(text) || durationInRange(text) },
} as const;
