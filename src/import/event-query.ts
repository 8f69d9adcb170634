/**
 * The query of an imported SLI as monc's ratio SLI takes it: events counted in `{{window}}`.
 * Sloth and OpenSLO specs write the window as `{{.window}}` (Go templates) and count with
 * rate(): a ratio of rates over one window equals the ratio of increases, but monc's traffic
 * floor (minEvents) and the docs read the counts, so rate() becomes increase().
 */
import { WINDOW_PLACEHOLDER } from '../model/conventions.ts';

/** `{{.window}}`, `{{ .window }}` and monc's own `{{window}}`. */
const TEMPLATED_WINDOW = /\{\{\s*\.?window\s*\}\}/g;
/** rate( as a function call, not the end of a longer name (error_rate). */
const RATE_CALL = /(?<![\w:])rate(\s*\()/g;

/** Whether the text counts events over a templated window (not a plain selector). */
export function hasTemplatedWindow(text: string): boolean {
  return new RegExp(TEMPLATED_WINDOW.source).test(text);
}

export function eventQuery(text: string): string {
  if (!hasTemplatedWindow(text)) return text;
  return text.replace(TEMPLATED_WINDOW, WINDOW_PLACEHOLDER).replace(RATE_CALL, 'increase$1');
}

/** The text with its templated window as monc's `{{window}}`, nothing else changed (a value over the window, not events). */
export function moncWindow(text: string): string {
  return text.replace(TEMPLATED_WINDOW, WINDOW_PLACEHOLDER);
}
