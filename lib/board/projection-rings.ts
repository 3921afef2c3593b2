import { PROXIMITY_LEVELS, PROXIMITY_MAX } from "./fields";
import { cardCenter, cardCorner, type Point } from "./geometry";
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
  /** Radial width of one ring. */
  ringWidth?: number;
}

export const DEFAULT_RING_WIDTH = 280;
export const UNSET_SECTOR_LABEL = "(none)";
const UNPLACED_RING = PROXIMITY_MAX + 1;
const CARD_SPACING = 240;
const SUB_ROW_SPACING = 110;

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

function geometry(options: RingsOptions) {
  return { center: options.center ?? { x: 0, y: 0 }, ringWidth: options.ringWidth ?? DEFAULT_RING_WIDTH };
}

export function layoutRings(content: BoardContent, options: RingsOptions): ProjectionLayout {
  const { center, ringWidth } = geometry(options);
  const sectors = sectorsOf(content, options);
  const cells = new Map<string, InitiativeContent[]>();
  const sorted = Object.values(content.initiatives).sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  for (const initiative of sorted) {
    const ring = proximityOf(initiative, options.field) ?? UNPLACED_RING;
    const sectorIndex = sectors.findIndex((sector) => sector.key === sectorOf(initiative, options.sectorBy));
    const key = `${ring}:${sectorIndex}`;
    const bucket = cells.get(key);
    if (bucket) bucket.push(initiative);
    else cells.set(key, [initiative]);
  }

  const positions: Record<string, Point> = {};
  for (const [key, members] of cells) {
    const [ring = 0, sectorIndex = 0] = key.split(":").map(Number);
    const sector = sectors[sectorIndex] as Sector;
    const inner = ring * ringWidth;
    // The innermost disc has no inner edge; keep its cards off the exact centre.
    const firstRadius = ring === 0 ? ringWidth * 0.55 : inner + ringWidth * 0.3;
    const subRows = Math.max(1, Math.floor((inner + ringWidth - firstRadius) / SUB_ROW_SPACING) + 1);
    let placed = 0;
    for (let row = 0; row < subRows && placed < members.length; row++) {
      const radius = firstRadius + row * SUB_ROW_SPACING;
      const arc = radius * (sector.end - sector.start);
      const remainingRows = subRows - row;
      const capacity = Math.max(1, Math.floor(arc / CARD_SPACING));
      const count = remainingRows === 1 ? members.length - placed : Math.min(capacity, members.length - placed);
      for (let slot = 0; slot < count; slot++) {
        const member = members[placed + slot] as InitiativeContent;
        const angle = sector.start + ((slot + 0.5) / count) * (sector.end - sector.start);
        positions[member.id] = cardCorner({ x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) });
      }
      placed += count;
    }
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
  const { center, ringWidth } = geometry(options);
  const dropped = cardCenter(point);
  const dx = dropped.x - center.x;
  const dy = dropped.y - center.y;
  const ring = Math.floor(Math.hypot(dx, dy) / ringWidth);
  const proximity = ring <= PROXIMITY_MAX ? ring : undefined;
  const edit: FieldEdit = proximity === proximityOf(initiative, options.field) ? {} : { [options.field]: proximity };

  const sectors = sectorsOf(content, options);
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
