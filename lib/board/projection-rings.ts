import { PROXIMITY_LEVELS, PROXIMITY_MAX } from "./fields";
import { CARD_HEIGHT, CARD_WIDTH, cardCenter, cardCorner, type Point } from "./geometry";
import type { FieldEdit, Guide, ProjectionLayout } from "./projections";
import type { BoardContent, InitiativeContent } from "./types";

/**
 * Close→far rings: the ring is a proximity value (0 innermost … 3), the sector is the first tag
 * or the North Star input. Cards without a proximity sit in an outer "unplaced" band; cards
 * without a sector value share a "(none)" sector.
 */

export interface RingsOptions {
  field: "proximityCustomer" | "proximityOutcome";
  sectorBy: "tag" | "northStarInput";
  center?: Point;
  /** Radial width of one ring; a ring too narrow for its cards is widened (see ringWidthFor). */
  ringWidth?: number;
}

export const DEFAULT_RING_WIDTH = 280;
export const UNSET_SECTOR_LABEL = "(none)";
const UNPLACED_RING = PROXIMITY_MAX + 1;
/** Distance between neighbours along a sub-row's arc, and between the sub-rows of a ring. */
const CARD_SPACING = CARD_WIDTH + 20;
const SUB_ROW_SPACING = CARD_HEIGHT + 14;
/** A crowded ring widens in these steps, up to this many times the width asked for. */
const RING_GROWTH_STEP = 1.25;
const MAX_RING_GROWTH = 4;

function proximityOf(initiative: InitiativeContent, field: RingsOptions["field"]): number | undefined {
  const value = initiative[field];
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= PROXIMITY_MAX ? value : undefined;
}

function sectorOf(initiative: InitiativeContent, sectorBy: RingsOptions["sectorBy"]): string | undefined {
  if (sectorBy === "northStarInput") {
    const value = initiative.northStarInput;
    return typeof value === "string" && value.trim() ? value.trim() : undefined;
  }
  const tags = initiative.tags;
  const first = Array.isArray(tags) ? tags[0] : undefined;
  return typeof first === "string" && first.trim() ? first.trim() : undefined;
}

interface Sector {
  key: string | undefined;
  label: string;
  start: number;
  end: number;
}

function sectorsOf(content: BoardContent, options: RingsOptions): Sector[] {
  const keys = new Set<string>();
  let hasUnset = false;
  for (const initiative of Object.values(content.initiatives)) {
    const key = sectorOf(initiative, options.sectorBy);
    if (key === undefined) hasUnset = true;
    else keys.add(key);
  }
  const ordered: (string | undefined)[] = Array.from(keys).sort((a, b) => a.localeCompare(b));
  if (hasUnset || ordered.length === 0) ordered.push(undefined);
  const span = (2 * Math.PI) / ordered.length;
  // Start at twelve o'clock and go clockwise, as people read a dial.
  return ordered.map((key, index) => ({
    key,
    label: key ?? UNSET_SECTOR_LABEL,
    start: -Math.PI / 2 + index * span,
    end: -Math.PI / 2 + (index + 1) * span,
  }));
}

/** The cards of one ring within one sector, in title order. */
interface Cell {
  ring: number;
  sector: Sector;
  members: InitiativeContent[];
}

function cellsOf(content: BoardContent, options: RingsOptions, sectors: readonly Sector[]): Cell[] {
  const cells = new Map<string, Cell>();
  const sorted = Object.values(content.initiatives).sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  for (const initiative of sorted) {
    const ring = proximityOf(initiative, options.field) ?? UNPLACED_RING;
    const sector = sectors.find((candidate) => candidate.key === sectorOf(initiative, options.sectorBy)) as Sector;
    const key = `${ring}:${sector.start}`;
    const cell = cells.get(key);
    if (cell) cell.members.push(initiative);
    else cells.set(key, { ring, sector, members: [initiative] });
  }
  return Array.from(cells.values());
}

interface SubRow {
  radius: number;
  /** How many cards fit side by side on this arc of the sector (at least one). */
  capacity: number;
}

/** The arcs a cell's cards sit on, from the ring's inner edge outwards. */
function subRowsOf(ring: number, sector: Sector, ringWidth: number): SubRow[] {
  const inner = ring * ringWidth;
  // The innermost disc has no inner edge; keep its cards off the exact centre.
  const firstRadius = ring === 0 ? ringWidth * 0.55 : inner + ringWidth * 0.3;
  const count = Math.max(1, Math.floor((inner + ringWidth - firstRadius) / SUB_ROW_SPACING) + 1);
  return Array.from({ length: count }, (_, row) => {
    const radius = firstRadius + row * SUB_ROW_SPACING;
    return { radius, capacity: Math.max(1, Math.floor((radius * (sector.end - sector.start)) / CARD_SPACING)) };
  });
}

function totalCapacity(rows: readonly SubRow[]): number {
  return rows.reduce((sum, row) => sum + row.capacity, 0);
}

/**
 * The ring width the layout uses: the one asked for, widened step by step until every cell's
 * cards fit side by side on its sub-rows (or the growth limit is reached). Layout and drop both
 * derive it from the same content, so a card dropped where it lies keeps its fields.
 */
function ringWidthFor(cells: readonly Cell[], asked: number): number {
  const limit = asked * MAX_RING_GROWTH;
  let width = asked;
  while (width < limit && cells.some((cell) => totalCapacity(subRowsOf(cell.ring, cell.sector, width)) < cell.members.length)) {
    width = Math.min(limit, Math.round(width * RING_GROWTH_STEP));
  }
  return width;
}

/**
 * Cards per sub-row: inner rows fill first; a cell too crowded even for the widest rings spreads
 * its surplus over every row in proportion to its length instead of piling it onto the last one.
 */
function rowCounts(rows: readonly SubRow[], cardCount: number): number[] {
  const capacity = totalCapacity(rows);
  if (cardCount <= capacity) {
    let remaining = cardCount;
    return rows.map((row) => {
      const count = Math.min(row.capacity, remaining);
      remaining -= count;
      return count;
    });
  }
  const counts = rows.map((row) => Math.floor((cardCount * row.capacity) / capacity));
  let surplus = cardCount - counts.reduce((sum, count) => sum + count, 0);
  for (let row = counts.length - 1; surplus > 0; row = (row + counts.length - 1) % counts.length, surplus--) {
    counts[row] = (counts[row] ?? 0) + 1;
  }
  return counts;
}

function geometry(content: BoardContent, options: RingsOptions) {
  const sectors = sectorsOf(content, options);
  const cells = cellsOf(content, options, sectors);
  const ringWidth = ringWidthFor(cells, options.ringWidth ?? DEFAULT_RING_WIDTH);
  return { center: options.center ?? { x: 0, y: 0 }, ringWidth, sectors, cells };
}

export function layoutRings(content: BoardContent, options: RingsOptions): ProjectionLayout {
  const { center, ringWidth, sectors, cells } = geometry(content, options);
  const positions: Record<string, Point> = {};
  for (const { ring, sector, members } of cells) {
    const rows = subRowsOf(ring, sector, ringWidth);
    const counts = rowCounts(rows, members.length);
    let placed = 0;
    rows.forEach((row, index) => {
      const count = counts[index] ?? 0;
      for (let slot = 0; slot < count; slot++) {
        const member = members[placed + slot] as InitiativeContent;
        const angle = sector.start + ((slot + 0.5) / count) * (sector.end - sector.start);
        positions[member.id] = cardCorner({ x: center.x + row.radius * Math.cos(angle), y: center.y + row.radius * Math.sin(angle) });
      }
      placed += count;
    });
  }

  const guides: Guide[] = [];
  for (let ring = 0; ring <= UNPLACED_RING; ring++) {
    const level = PROXIMITY_LEVELS[ring];
    guides.push({
      kind: "ring",
      key: ring === UNPLACED_RING ? null : ring,
      label: level ? level.label : "Unplaced",
      center,
      innerRadius: ring * ringWidth,
      outerRadius: (ring + 1) * ringWidth,
    });
  }
  for (const sector of sectors) {
    guides.push({
      kind: "sector",
      key: sector.key ?? null,
      label: sector.label,
      center,
      startAngle: sector.start,
      endAngle: sector.end,
      radius: (UNPLACED_RING + 1) * ringWidth,
    });
  }
  return { positions, guides };
}

function normalizeAngle(angle: number): number {
  const full = 2 * Math.PI;
  return (((angle + Math.PI / 2) % full) + full) % full;
}

/**
 * Dropping sets (only where they change) the ring's proximity (cleared in the unplaced band or beyond) and the sector's
 * value. Tags are never deleted by a drag, so dropping into "(none)" leaves tags as they are.
 */
export function ringsFieldsForDrop(
  content: BoardContent,
  options: RingsOptions,
  id: string,
  point: Point,
): FieldEdit {
  const initiative = content.initiatives[id];
  if (!initiative) return {};
  const { center, ringWidth, sectors } = geometry(content, options);
  const dropped = cardCenter(point);
  const dx = dropped.x - center.x;
  const dy = dropped.y - center.y;
  const ring = Math.floor(Math.hypot(dx, dy) / ringWidth);
  const proximity = ring <= PROXIMITY_MAX ? ring : undefined;
  const edit: FieldEdit = proximity === proximityOf(initiative, options.field) ? {} : { [options.field]: proximity };

  const span = (2 * Math.PI) / sectors.length;
  const sectorIndex = Math.min(sectors.length - 1, Math.floor(normalizeAngle(Math.atan2(dy, dx)) / span));
  const target = sectors[sectorIndex]?.key;
  if (target === sectorOf(initiative, options.sectorBy)) return edit;
  if (options.sectorBy === "northStarInput") {
    edit.northStarInput = target;
  } else if (target !== undefined) {
    // The sector is the first tag: put the target first and keep the other tags.
    const tags: unknown[] = Array.isArray(initiative.tags) ? initiative.tags : [];
    edit.tags = [target, ...tags.filter((tag) => tag !== target)];
  }
  return edit;
}
