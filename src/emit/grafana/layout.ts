/**
 * Grid layout: a row header takes the full width; its panels follow left to right and wrap
 * when the next one would pass column 24. A line is as tall as its tallest panel.
 */
import type { GridPos } from './types.ts';

export interface Sized {
  readonly width: number;
  readonly height: number;
}

export interface RowLayout<T extends Sized> {
  readonly header: GridPos;
  readonly panels: readonly { readonly panel: T; readonly gridPos: GridPos }[];
}

export const GRID_COLUMNS = 24;

export function layoutRows<T extends Sized>(rows: readonly (readonly T[])[]): RowLayout<T>[] {
  let y = 0;
  return rows.map((panels) => {
    const header: GridPos = { x: 0, y, w: GRID_COLUMNS, h: 1 };
    y += 1;
    let x = 0;
    let lineHeight = 0;
    const placed = panels.map((panel) => {
      const w = Math.min(panel.width, GRID_COLUMNS);
      if (x + w > GRID_COLUMNS) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      const gridPos: GridPos = { x, y, w, h: panel.height };
      x += w;
      lineHeight = Math.max(lineHeight, panel.height);
      return { panel, gridPos };
    });
    y += lineHeight;
    return { header, panels: placed };
  });
}
