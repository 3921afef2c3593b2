import { HORIZONS, isInvestment, PROXIMITY_LEVELS, REVERSIBILITY_LEVELS } from "./fields";
import { CARD_HEIGHT, CARD_WIDTH, cardCenter, cardCorner, clamp, type Point } from "./geometry";
import type { FieldEdit, Guide, ProjectionLayout } from "./projections";
import type { BoardContent, InitiativeContent } from "./types";

/**
 * The 2×2: two chosen axes, each either ordinal (steps such as proximity 0…3) or continuous
 * (confidence 0…100, investment 0…board maximum). Cards lacking either value wait in an
 * "unplaced" band below the square; dropping a placed card there clears both axis fields.
 */

export interface MatrixAxis {
  name: string;
  label: string;
  /** Ordinal axes: one label per step, low to high. */
  steps?: readonly string[];
  /** Continuous axes: the value range on this board. */
  range?: (content: BoardContent) => { min: number; max: number };
  /** The step index (ordinal) or value (continuous); undefined when unset. */
  read: (initiative: InitiativeContent, content: BoardContent) => number | undefined;
  write: (value: number | undefined, initiative: InitiativeContent) => FieldEdit;
}

export interface MatrixOptions {
  x: MatrixAxisName;
  y: MatrixAxisName;
  origin?: Point;
  width?: number;
  height?: number;
}

const DEFAULT_WIDTH = 1600;
const DEFAULT_HEIGHT = 1200;
const UNPLACED_GAP = 120;
const CASCADE_STEP = 24;
const GAP = 12;

function ordinalRead(field: string, count: number) {
  return (initiative: InitiativeContent) => {
    const value = initiative[field];
    return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < count ? value : undefined;
  };
}

function optionAxis(name: string, label: string, options: readonly { value: string; label: string }[]): MatrixAxis {
  return {
    name,
    label,
    steps: options.map((option) => option.label),
    read: (initiative) => {
      const index = options.findIndex((option) => option.value === initiative[name]);
      return index >= 0 ? index : undefined;
    },
    write: (value) => ({ [name]: value === undefined ? undefined : options[value]?.value }),
  };
}

/** Model reversibility strings ("easy at gates", "easy per item", …) read by their first word. */
function modelReversibility(initiative: InitiativeContent, content: BoardContent): number | undefined {
  const model = initiative.modelId ? content.models[initiative.modelId] : undefined;
  const word = typeof model?.reversibility === "string" ? model.reversibility.split(" ")[0] : undefined;
  const index = REVERSIBILITY_LEVELS.findIndex((level) => level.value === word);
  return index >= 0 ? index : undefined;
}

function niceCeiling(value: number): number {
  if (value <= 0) return 10;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

export const MATRIX_AXES = {
  proximityCustomer: {
    name: "proximityCustomer",
    label: "Distance from customer",
    steps: PROXIMITY_LEVELS.map((level) => level.label),
    read: ordinalRead("proximityCustomer", PROXIMITY_LEVELS.length),
    write: (value) => ({ proximityCustomer: value }),
  },
  proximityOutcome: {
    name: "proximityOutcome",
    label: "Distance from outcome",
    steps: PROXIMITY_LEVELS.map((level) => level.label),
    read: ordinalRead("proximityOutcome", PROXIMITY_LEVELS.length),
    write: (value) => ({ proximityOutcome: value }),
  },
  reversibility: {
    ...optionAxis("reversibility", "Reversibility", REVERSIBILITY_LEVELS),
    read: (initiative, content) =>
      optionAxis("reversibility", "", REVERSIBILITY_LEVELS).read(initiative, content) ??
      modelReversibility(initiative, content),
  },
  horizon: optionAxis("horizon", "Horizon", HORIZONS),
  confidence: {
    name: "confidence",
    label: "Confidence (%)",
    range: () => ({ min: 0, max: 100 }),
    read: (initiative) =>
      typeof initiative.confidence === "number" && Number.isFinite(initiative.confidence) ? initiative.confidence : undefined,
    write: (value) => ({ confidence: value === undefined ? undefined : Math.round(value) }),
  },
  investment: {
    name: "investment",
    label: "Investment",
    range: (content) => ({
      min: 0,
      max: niceCeiling(
        Object.values(content.initiatives).reduce(
          (largest, item) => (isInvestment(item.investment) ? Math.max(largest, item.investment.amount) : largest),
          0,
        ),
      ),
    }),
    read: (initiative) => (isInvestment(initiative.investment) ? initiative.investment.amount : undefined),
    write: (value, initiative) => ({
      investment:
        value === undefined
          ? undefined
          : { amount: Math.round(value * 10) / 10, unit: isInvestment(initiative.investment) ? initiative.investment.unit : "FTE" },
    }),
  },
} satisfies Record<string, MatrixAxis>;

export type MatrixAxisName = keyof typeof MATRIX_AXES;

export const MATRIX_PRESETS = {
  "proximity-reversibility": { x: "proximityCustomer", y: "reversibility" },
  "confidence-investment": { x: "investment", y: "confidence" },
} as const satisfies Record<string, { x: MatrixAxisName; y: MatrixAxisName }>;

function frame(options: MatrixOptions) {
  return {
    origin: options.origin ?? { x: 0, y: 0 },
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? DEFAULT_HEIGHT,
  };
}

/** An axis with its range on this board, computed once per layout (ranges scan every card). */
interface Scale {
  axis: MatrixAxis;
  min: number;
  max: number;
}

function scaleOf(axis: MatrixAxis, content: BoardContent): Scale {
  const { min, max } = axis.range?.(content) ?? { min: 0, max: 1 };
  return { axis, min, max };
}

/** Where on the axis (0 low … 1 high) a value sits. */
function toFraction({ axis, min, max }: Scale, value: number): number {
  if (axis.steps) return (clamp(Math.round(value), 0, axis.steps.length - 1) + 0.5) / axis.steps.length;
  return max > min ? clamp((value - min) / (max - min), 0, 1) : 0;
}

function fromFraction({ axis, min, max }: Scale, fraction: number): number {
  const t = clamp(fraction, 0, 1);
  if (axis.steps) return Math.min(axis.steps.length - 1, Math.floor(t * axis.steps.length));
  return min + t * (max - min);
}

export function layoutMatrix(content: BoardContent, options: MatrixOptions): ProjectionLayout {
  const xScale = scaleOf(MATRIX_AXES[options.x], content);
  const yScale = scaleOf(MATRIX_AXES[options.y], content);
  const xAxis = xScale.axis;
  const yAxis = yScale.axis;
  const { origin, width, height } = frame(options);
  const groups = new Map<string, { center: Point; members: InitiativeContent[] }>();
  const unplaced: InitiativeContent[] = [];
  const sorted = Object.values(content.initiatives).sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  for (const initiative of sorted) {
    const xValue = xAxis.read(initiative, content);
    const yValue = yAxis.read(initiative, content);
    if (xValue === undefined || yValue === undefined) {
      unplaced.push(initiative);
      continue;
    }
    const center = {
      x: origin.x + toFraction(xScale, xValue) * width,
      y: origin.y + (1 - toFraction(yScale, yValue)) * height,
    };
    const key = `${Math.round(center.x)}:${Math.round(center.y)}`;
    const group = groups.get(key) ?? { center, members: [] };
    group.members.push(initiative);
    groups.set(key, group);
  }

  const positions: Record<string, Point> = {};
  const cellWidth = xAxis.steps ? width / xAxis.steps.length : undefined;
  const cellHeight = yAxis.steps ? height / yAxis.steps.length : undefined;
  for (const { center, members } of groups.values()) {
    // A roughly square pile, but never more cards side by side than the cell has room for: a
    // narrow cell stacks its pile (overlapping vertically at worst, titles stay readable).
    const fitting = cellWidth ? Math.max(1, Math.floor(cellWidth / (CARD_WIDTH + GAP))) : Infinity;
    const columns = Math.min(Math.ceil(Math.sqrt(members.length)), fitting);
    const rows = Math.ceil(members.length / columns);
    // Piles in an ordinal cell spread over the cell; on continuous axes they cascade slightly.
    const stepX = cellWidth ? Math.min(CARD_WIDTH + GAP, cellWidth / columns) : CASCADE_STEP;
    const stepY = cellHeight ? Math.min(CARD_HEIGHT + GAP, cellHeight / rows) : CASCADE_STEP;
    members.forEach((member, index) => {
      const column = index % columns;
      const row = Math.floor(index / columns);
      positions[member.id] = cardCorner({
        x: center.x + (column - (columns - 1) / 2) * stepX,
        y: center.y + (row - (rows - 1) / 2) * stepY,
      });
    });
  }
  const unplacedTop = origin.y + height + UNPLACED_GAP;
  const perRow = Math.max(1, Math.floor(width / (CARD_WIDTH + GAP)));
  unplaced.forEach((initiative, index) => {
    positions[initiative.id] = {
      x: origin.x + (index % perRow) * (CARD_WIDTH + GAP),
      y: unplacedTop + Math.floor(index / perRow) * (CARD_HEIGHT + GAP),
    };
  });

  return { positions, guides: matrixGuides(xScale, yScale, origin, width, height, unplaced.length, perRow) };
}

function matrixGuides(
  xScale: Scale,
  yScale: Scale,
  origin: Point,
  width: number,
  height: number,
  unplacedCount: number,
  perRow: number,
): Guide[] {
  const xAxis = xScale.axis;
  const yAxis = yScale.axis;
  const ticks = ({ axis, min, max }: Scale, at: (fraction: number) => Point) => {
    const steps = axis.steps;
    if (steps) return steps.map((label, index) => ({ at: at((index + 0.5) / steps.length), label }));
    return [0, 0.5, 1].map((fraction) => ({ at: at(fraction), label: String(Math.round(min + fraction * (max - min))) }));
  };
  const bottom = origin.y + height;
  const guides: Guide[] = [
    {
      kind: "axis",
      axis: "x",
      label: xAxis.label,
      from: { x: origin.x, y: bottom },
      to: { x: origin.x + width, y: bottom },
      ticks: ticks(xScale, (fraction) => ({ x: origin.x + fraction * width, y: bottom })),
    },
    {
      kind: "axis",
      axis: "y",
      label: yAxis.label,
      from: { x: origin.x, y: bottom },
      to: { x: origin.x, y: origin.y },
      ticks: ticks(yScale, (fraction) => ({ x: origin.x, y: bottom - fraction * height })),
    },
  ];
  for (const [column, xSide] of ["low", "high"].entries()) {
    for (const [row, ySide] of ["high", "low"].entries()) {
      guides.push({
        kind: "region",
        role: "quadrant",
        key: `${xSide}-${ySide}`,
        label: `${xAxis.label} ${xSide} · ${yAxis.label} ${ySide}`,
        x: origin.x + (column * width) / 2,
        y: origin.y + (row * height) / 2,
        width: width / 2,
        height: height / 2,
      });
    }
  }
  guides.push({
    kind: "region",
    role: "unplaced",
    key: null,
    label: "Unplaced",
    x: origin.x,
    y: bottom + UNPLACED_GAP,
    width,
    height: Math.max(1, Math.ceil(unplacedCount / perRow)) * (CARD_HEIGHT + GAP),
  });
  return guides;
}

export function matrixFieldsForDrop(content: BoardContent, options: MatrixOptions, id: string, point: Point): FieldEdit {
  const initiative = content.initiatives[id];
  if (!initiative) return {};
  const xAxis: MatrixAxis = MATRIX_AXES[options.x];
  const yAxis: MatrixAxis = MATRIX_AXES[options.y];
  const { origin, width, height } = frame(options);
  const center = cardCenter(point);
  if (center.y > origin.y + height + UNPLACED_GAP / 2) {
    const placed = xAxis.read(initiative, content) !== undefined && yAxis.read(initiative, content) !== undefined;
    return placed ? { ...xAxis.write(undefined, initiative), ...yAxis.write(undefined, initiative) } : {};
  }
  const xValue = fromFraction(scaleOf(xAxis, content), (center.x - origin.x) / width);
  const yValue = fromFraction(scaleOf(yAxis, content), 1 - (center.y - origin.y) / height);
  return { ...changedAxisEdit(xAxis, xValue, initiative, content), ...changedAxisEdit(yAxis, yValue, initiative, content) };
}

/**
 * The axis edit, or nothing when the card keeps its value there: a drag along one axis must not
 * write the other, nor pin a value the card only inherits (reversibility from its model).
 */
function changedAxisEdit(axis: MatrixAxis, value: number, initiative: InitiativeContent, content: BoardContent): FieldEdit {
  const current = axis.read(initiative, content);
  if (axis.steps ? current === value : current !== undefined && toRounded(axis, current, initiative) === toRounded(axis, value, initiative)) {
    return {};
  }
  return axis.write(value, initiative);
}

function toRounded(axis: MatrixAxis, value: number, initiative: InitiativeContent): string {
  return JSON.stringify(axis.write(value, initiative));
}
