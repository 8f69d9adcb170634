/**
 * Grid layout: a row header takes the full width; its panels follow left to right and wrap
 * when the next one would pass column 24, a line as tall as its tallest panel. A panel with
 * x or y is placed there instead (y below the row's top), and the next one follows it. A
 * collapsed row takes only its header's line, as Grafana saves it: its panels are placed
 * below the header when it opens.
 */
import type { GridPos } from './types.ts';

export interface Sized {
  readonly width: number;
  readonly height: number;
  readonly x: number | undefined;
  readonly y: number | undefined;
}

export interface LayoutRow<T extends Sized> {
  /** False for the panels above the first row, which have no header. */
  readonly header: boolean;
  readonly collapsed: boolean;
  readonly panels: readonly T[];
}

export interface RowLayout<T extends Sized> {
  readonly header: GridPos | undefined;
  readonly panels: readonly { readonly panel: T; readonly gridPos: GridPos }[];
}

export const GRID_COLUMNS = 24;

export function layoutRows<T extends Sized>(rows: readonly LayoutRow<T>[]): RowLayout<T>[] {
  let y = 0;
  return rows.map((row) => {
    const header: GridPos | undefined = row.header ? { x: 0, y, w: GRID_COLUMNS, h: 1 } : undefined;
    if (header) y += 1;
    const panels = placePanels(row.panels, y);
    if (!row.collapsed) y = Math.max(y, ...panels.map(({ gridPos }) => gridPos.y + gridPos.h));
    return { header, panels };
  });
}

/** The panels of one row whose top is `top`: where x and y say, or after the previous panel. */
export function placePanels<T extends Sized>(panels: readonly T[], top: number): { panel: T; gridPos: GridPos }[] {
  let x = 0;
  let line = 0;
  let lineHeight = 0;
  return panels.map((panel) => {
    const w = Math.min(panel.width, GRID_COLUMNS);
    if (panel.x === undefined && x + w > GRID_COLUMNS) {
      line += lineHeight;
      x = 0;
      lineHeight = 0;
    }
    // A panel that would pass the last column moves left, as Grafana moves it.
    const gridX = Math.min(panel.x ?? x, GRID_COLUMNS - w);
    const gridY = panel.y ?? line;
    lineHeight = gridY === line ? Math.max(lineHeight, panel.height) : panel.height;
    line = gridY;
    x = gridX + w;
    return { panel, gridPos: { x: gridX, y: top + gridY, w, h: panel.height } };
  });
}
