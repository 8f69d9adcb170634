/**
 * A Grafana dashboard's grid as Grafana shows it, which is not always what its JSON says:
 * Grafana sorts the panels by position, keeps each inside the 24 columns and moves it up as
 * far as it goes without overlapping the ones above, or down below one it overlaps
 * (react-grid-layout's vertical compaction). A row holds the panels after its header; a
 * collapsed row keeps its own, placed under the header by their offsets from the first one
 * when it opens. Old dashboards (schemaVersion < 16) have `rows` of panels with spans of 12
 * instead, which Grafana turns into the grid as upgradeToGridLayout does. The importer
 * writes this layout, and the corpus test compares the rebuilt dashboard with it.
 */
import { GRID_COLUMNS } from '../../emit/grafana/layout.ts';
import type { GridPos } from '../../emit/grafana/types.ts';

/** A panel or row header of the source, and where its JSON puts it. */
export interface GridItem<T> {
  readonly source: T;
  readonly row: boolean;
  readonly gridPos: GridPos;
  /** A row's header says it is collapsed; its panels are then its own. */
  readonly collapsed: boolean;
  readonly panels: readonly GridItem<T>[];
}

/** Grafana's default place for a panel whose JSON has none. */
export const DEFAULT_GRID_POS: GridPos = { x: 0, y: 0, w: 6, h: 3 };

/** A row of the dashboard as shown: its header (none for the panels above the first row), and its panels with their places. */
export interface ShownRow<T> {
  readonly header: { readonly item: GridItem<T>; readonly gridPos: GridPos } | undefined;
  /** The first line under the header (0 for the panels above the first row). */
  readonly top: number;
  /** Sorted by place, as Grafana orders them; y counts from the top of the dashboard, as if the row were open. */
  readonly panels: readonly ShownPanel<T>[];
}

export interface ShownPanel<T> {
  readonly item: GridItem<T>;
  readonly gridPos: GridPos;
  /** On the grid after a collapsed row, not in its panels: Grafana shows it under the header, and folds it into the row when the row is collapsed again. */
  readonly afterCollapsedRow?: true;
}

/** The rows as Grafana shows the dashboard; a row header takes the full width and one line, as monc writes it. */
export function shownLayout<T>(items: readonly GridItem<T>[]): ShownRow<T>[] {
  const sorted = sortByPlace(items.map((item) => ({ item, gridPos: item.row ? { ...inBounds(item.gridPos), x: 0, w: GRID_COLUMNS, h: 1 } : inBounds(item.gridPos) })));
  const placed = compact(sorted);
  const rows: { header: ShownRow<T>['header']; panels: { item: GridItem<T>; gridPos: GridPos }[] }[] = [{ header: undefined, panels: [] }];
  for (const entry of placed) {
    if (entry.item.row) rows.push({ header: entry, panels: [] });
    else rows.at(-1)?.panels.push(entry);
  }
  return rows.flatMap(({ header, panels }): ShownRow<T>[] => {
    if (!header) return panels.length > 0 ? [{ header, top: 0, panels: sortByPlace(panels) }] : [];
    const top = header.gridPos.y + 1;
    if (!header.item.collapsed) return [{ header, top, panels: sortByPlace(panels) }];
    const own = collapsedPanels(header.item.panels, top);
    return [{ header, top, panels: [...own, ...afterCollapsedRow(panels, Math.max(top, ...own.map((p) => p.gridPos.y + p.gridPos.h)))] }];
  });
}

/** Panels on the grid after a collapsed row, below its own panels from line `from`, in the order Grafana shows them. */
function afterCollapsedRow<T>(panels: readonly { item: GridItem<T>; gridPos: GridPos }[], from: number): ShownPanel<T>[] {
  const sorted = sortByPlace(panels);
  const first = sorted[0]?.gridPos.y ?? 0;
  return sorted.map(({ item, gridPos }) => ({ item, gridPos: { ...gridPos, y: gridPos.y - first + from }, afterCollapsedRow: true }));
}

/** A collapsed row's panels as Grafana places them when it opens: by their offsets from the first one, below the header. */
function collapsedPanels<T>(panels: readonly GridItem<T>[], top: number): { item: GridItem<T>; gridPos: GridPos }[] {
  const first = panels[0] ? inBounds(panels[0].gridPos).y : 0;
  const moved = panels.map((item) => {
    const gridPos = inBounds(item.gridPos);
    return { item, gridPos: { ...gridPos, y: Math.max(0, gridPos.y - first) } };
  });
  return sortByPlace(compact(sortByPlace(moved))).map(({ item, gridPos }) => ({ item, gridPos: { ...gridPos, y: gridPos.y + top } }));
}

/** Whole numbers, at least one column and one line, inside the 24 columns (react-grid-layout's correctBounds). */
function inBounds(gridPos: GridPos): GridPos {
  const w = Math.min(Math.max(Math.round(gridPos.w), 1), GRID_COLUMNS);
  const x = Math.min(Math.max(Math.round(gridPos.x), 0), GRID_COLUMNS - w);
  return { x, y: Math.max(Math.round(gridPos.y), 0), w, h: Math.max(Math.round(gridPos.h), 1) };
}

/** By line, then column; equal places keep their order (Grafana's sortPanelsByGridPos). */
function sortByPlace<E extends { readonly gridPos: GridPos }>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
}

function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** react-grid-layout's vertical compaction of entries sorted by place: each moves up until it would overlap one above, then below any it overlaps. */
function compact<E extends { readonly gridPos: GridPos }>(sorted: readonly E[]): E[] {
  const placed: E[] = [];
  for (const entry of sorted) {
    const bottom = Math.max(0, ...placed.map((p) => p.gridPos.y + p.gridPos.h));
    const at = { ...entry.gridPos, y: Math.min(bottom, entry.gridPos.y) };
    const collision = () => placed.find((p) => overlaps(p.gridPos, at));
    while (at.y > 0 && !collision()) at.y--;
    for (let hit = collision(); hit; hit = collision()) at.y = hit.gridPos.y + hit.gridPos.h;
    placed.push({ ...entry, gridPos: at });
  }
  return placed;
}

/** An old dashboard's row: its panels with their spans (of 12) and heights in pixels. */
export interface LegacyRow<T> {
  readonly source: T;
  readonly collapsed: boolean;
  readonly height: number | string | undefined;
  readonly panels: readonly { readonly source: T; readonly span: number | undefined; readonly height: number | string | undefined }[];
}

const DEFAULT_ROW_HEIGHT = 250;
const DEFAULT_SPAN = 4;
const CELL_HEIGHT = 30;
const CELL_MARGIN = 8;

/** Pixels as grid lines, as Grafana converts them (at least 3). */
function gridHeight(height: number | string | undefined): number {
  const pixels = typeof height === 'string' ? Number.parseInt(height.replace('px', ''), 10) : (height ?? DEFAULT_ROW_HEIGHT);
  const valid = Number.isFinite(pixels) ? pixels : DEFAULT_ROW_HEIGHT;
  return Math.ceil(Math.max(valid, CELL_HEIGHT * 3) / (CELL_HEIGHT + CELL_MARGIN));
}

/**
 * The grid Grafana makes of old rows: each row starts a new line, under a header when
 * `headers` (Grafana gives every row one when any is collapsed, shows its title or repeats);
 * its panels, `span` columns of 12 wide and as tall as the row unless they say, fill it left
 * to right and wrap below.
 */
export function legacyGrid<T>(rows: readonly LegacyRow<T>[], headers: boolean): GridItem<T>[] {
  const items: GridItem<T>[] = [];
  let y = 0;
  for (const row of rows) {
    const rowHeight = gridHeight(row.height);
    const header = headers ? { source: row.source, row: true, gridPos: { x: 0, y, w: GRID_COLUMNS, h: 1 }, collapsed: row.collapsed, panels: [] as GridItem<T>[] } : undefined;
    if (header) y += 1;
    let x = 0;
    let line = y;
    let lineHeight = 0;
    const panels = row.panels.map((panel): GridItem<T> => {
      const w = Math.min(Math.max(Math.floor(panel.span ?? DEFAULT_SPAN), 1) * 2, GRID_COLUMNS);
      const h = panel.height === undefined ? rowHeight : gridHeight(panel.height);
      if (x + w > GRID_COLUMNS) {
        line += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      const gridPos = { x, y: line, w, h };
      x += w;
      lineHeight = Math.max(lineHeight, h);
      return { source: panel.source, row: false, gridPos, collapsed: false, panels: [] };
    });
    if (header && row.collapsed) {
      items.push({ ...header, panels });
    } else {
      items.push(...(header ? [header] : []), ...panels);
      y = line + lineHeight;
    }
  }
  return items;
}
