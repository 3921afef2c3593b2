import { HORIZONS, INITIATIVE_STATUSES } from "./fields";
import { CARD_HEIGHT, CARD_WIDTH, cardCenter, type Point } from "./geometry";
import { MODEL_FAMILIES } from "./models";
import type { FieldEdit, Guide, ProjectionLayout } from "./projections";
import type { BoardContent, InitiativeContent } from "./types";

/**
 * Grid projections: swimlanes (rows = models, columns = status or horizon) and horizon
 * columns (H1/H2/H3 + unset). Both are a table of cells in which cards stack; the geometry is
 * computed once and used both ways, so a drop lands in the cell it was dropped on.
 */

export interface SwimlaneOptions {
  columnsBy: "status" | "horizon";
  origin?: Point;
}

export interface HorizonOptions {
  origin?: Point;
}

interface Band {
  /** The field value this row or column stands for; undefined is "unset". */
  value: string | undefined;
  label: string;
}

interface GridSpec {
  rows: Band[];
  columns: Band[];
  rowOf: (initiative: InitiativeContent) => number;
  columnOf: (initiative: InitiativeContent) => number;
  /** Cards side by side inside one cell. */
  cardsAcross: number;
  origin: Point;
  /** Room for row labels left of the first column (0 when rows are unlabelled). */
  labelWidth: number;
}

const PADDING = 16;
const GAP = 12;
const HEADER_HEIGHT = 48;
const ROW_LABEL_WIDTH = 220;
const UNSET_LABEL = "(unset)";

interface GridGeometry {
  columnX: number[];
  columnWidth: number;
  rowY: number[];
  rowHeight: number[];
  cells: Map<string, InitiativeContent[]>;
}

function measure(content: BoardContent, spec: GridSpec): GridGeometry {
  const cells = new Map<string, InitiativeContent[]>();
  const sorted = Object.values(content.initiatives).sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  for (const initiative of sorted) {
    const key = `${spec.rowOf(initiative)}:${spec.columnOf(initiative)}`;
    const bucket = cells.get(key);
    if (bucket) bucket.push(initiative);
    else cells.set(key, [initiative]);
  }
  const columnWidth = spec.cardsAcross * (CARD_WIDTH + GAP) - GAP + 2 * PADDING;
  const columnX = spec.columns.map((_band, index) => spec.origin.x + spec.labelWidth + index * columnWidth);
  const rowHeight = spec.rows.map((_band, row) => {
    const most = Math.max(1, ...spec.columns.map((_column, column) => cells.get(`${row}:${column}`)?.length ?? 0));
    return Math.ceil(most / spec.cardsAcross) * (CARD_HEIGHT + GAP) - GAP + 2 * PADDING;
  });
  const rowY: number[] = [];
  let y = spec.origin.y + HEADER_HEIGHT;
  for (const height of rowHeight) {
    rowY.push(y);
    y += height;
  }
  return { columnX, columnWidth, rowY, rowHeight, cells };
}

function layoutGrid(content: BoardContent, spec: GridSpec): ProjectionLayout {
  const geometry = measure(content, spec);
  const positions: Record<string, Point> = {};
  for (const [key, members] of geometry.cells) {
    const [row = 0, column = 0] = key.split(":").map(Number);
    members.forEach((member, index) => {
      positions[member.id] = {
        x: (geometry.columnX[column] ?? 0) + PADDING + (index % spec.cardsAcross) * (CARD_WIDTH + GAP),
        y: (geometry.rowY[row] ?? 0) + PADDING + Math.floor(index / spec.cardsAcross) * (CARD_HEIGHT + GAP),
      };
    });
  }
  const totalHeight = geometry.rowHeight.reduce((sum, height) => sum + height, HEADER_HEIGHT);
  const totalWidth = spec.columns.length * geometry.columnWidth;
  const guides: Guide[] = [
    ...spec.columns.map((band, index): Guide => ({
      kind: "region",
      role: "column",
      key: band.value ?? null,
      label: band.label,
      x: geometry.columnX[index] ?? 0,
      y: spec.origin.y,
      width: geometry.columnWidth,
      height: totalHeight,
    })),
    ...(spec.labelWidth > 0
      ? spec.rows.map((band, index): Guide => ({
          kind: "region",
          role: "lane",
          key: band.value ?? null,
          label: band.label,
          x: spec.origin.x,
          y: geometry.rowY[index] ?? 0,
          width: spec.labelWidth + totalWidth,
          height: geometry.rowHeight[index] ?? 0,
        }))
      : []),
  ];
  return { positions, guides };
}

/** The band whose span holds `coordinate`, clamped to the first and last band. */
function bandAt(starts: readonly number[], coordinate: number): number {
  let index = 0;
  for (let candidate = 0; candidate < starts.length; candidate++) {
    if (coordinate >= (starts[candidate] ?? Infinity)) index = candidate;
  }
  return index;
}

function dropCell(content: BoardContent, spec: GridSpec, point: Point): { row: number; column: number } {
  const geometry = measure(content, spec);
  const center = cardCenter(point);
  return { row: bandAt(geometry.rowY, center.y), column: bandAt(geometry.columnX, center.x) };
}

function bandsWithExtras(known: readonly { value: string; label: string }[], found: Iterable<string>): Band[] {
  const bands: Band[] = known.map((option) => ({ value: option.value, label: option.label }));
  const extras = Array.from(new Set(found)).filter((value) => !known.some((option) => option.value === value));
  for (const value of extras.sort()) bands.push({ value, label: value || UNSET_LABEL });
  return bands;
}

function horizonBands(): Band[] {
  return [...HORIZONS.map((option) => ({ value: option.value, label: option.label })), { value: undefined, label: UNSET_LABEL }];
}

function indexOfValue(bands: readonly Band[], value: unknown): number {
  const index = bands.findIndex((band) => band.value === value);
  return index >= 0 ? index : bands.findIndex((band) => band.value === undefined);
}

function modelRows(content: BoardContent): Band[] {
  const familyOrder = (family: string) => {
    const index = MODEL_FAMILIES.findIndex((candidate) => candidate.id === family);
    return index >= 0 ? index : MODEL_FAMILIES.length;
  };
  const models = Object.values(content.models)
    .filter((model) => model.hidden !== true)
    .sort((a, b) => familyOrder(a.family) - familyOrder(b.family) || a.name.localeCompare(b.name));
  return [...models.map((model) => ({ value: model.id, label: model.name })), { value: undefined, label: "No model" }];
}

function swimlaneSpec(content: BoardContent, options: SwimlaneOptions): GridSpec {
  const rows = modelRows(content);
  const columns =
    options.columnsBy === "status"
      ? bandsWithExtras(INITIATIVE_STATUSES, Object.values(content.initiatives).map((item) => item.status))
      : horizonBands();
  return {
    rows,
    columns,
    rowOf: (initiative) => indexOfValue(rows, initiative.modelId ?? undefined),
    columnOf: (initiative) => indexOfValue(columns, initiative[options.columnsBy]),
    cardsAcross: 1,
    origin: options.origin ?? { x: 0, y: 0 },
    labelWidth: ROW_LABEL_WIDTH,
  };
}

export function layoutSwimlanes(content: BoardContent, options: SwimlaneOptions): ProjectionLayout {
  return layoutGrid(content, swimlaneSpec(content, options));
}

/** A drop sets the lane's model (null in "No model") and the column's status or horizon, where they change. */
export function swimlaneFieldsForDrop(content: BoardContent, options: SwimlaneOptions, id: string, point: Point): FieldEdit {
  const initiative = content.initiatives[id];
  if (!initiative) return {};
  const spec = swimlaneSpec(content, options);
  const { row, column } = dropCell(content, spec, point);
  const edit: FieldEdit = {};
  // Staying in the lane keeps the model id even when it names a deleted model.
  if (row !== spec.rowOf(initiative)) edit.modelId = spec.rows[row]?.value ?? null;
  if (column !== spec.columnOf(initiative)) {
    const columnValue = spec.columns[column]?.value;
    // Status is a contract field that always holds a string; horizon may be cleared.
    edit[options.columnsBy] = options.columnsBy === "status" ? (columnValue ?? "") : columnValue;
  }
  return edit;
}

function horizonSpec(options: HorizonOptions): GridSpec {
  const columns = horizonBands();
  return {
    rows: [{ value: undefined, label: "" }],
    columns,
    rowOf: () => 0,
    columnOf: (initiative) => indexOfValue(columns, initiative.horizon),
    cardsAcross: 2,
    origin: options.origin ?? { x: 0, y: 0 },
    labelWidth: 0,
  };
}

export function layoutHorizons(content: BoardContent, options: HorizonOptions): ProjectionLayout {
  return layoutGrid(content, horizonSpec(options));
}

export function horizonFieldsForDrop(content: BoardContent, options: HorizonOptions, id: string, point: Point): FieldEdit {
  const initiative = content.initiatives[id];
  if (!initiative) return {};
  const spec = horizonSpec(options);
  const column = dropCell(content, spec, point).column;
  return column === spec.columnOf(initiative) ? {} : { horizon: spec.columns[column]?.value };
}
