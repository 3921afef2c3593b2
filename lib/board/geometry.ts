/**
 * The sizes the canvas draws, shared with projections, layouts, frame containment and exports
 * (x/y is an item's top-left corner). The canvas components take their sizes from here, so a
 * layout never places cards closer than they are wide.
 */
/** An initiative card's width, and its height with a one-line title (also the far-zoom tile). */
export const CARD_WIDTH = 240;
export const CARD_HEIGHT = 96;
/** A sticky note's width, and its height until its text needs more lines (the canvas grows it). */
export const NOTE_WIDTH = 200;
export const NOTE_HEIGHT = 120;

export interface Point {
  x: number;
  y: number;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The centre of a card whose top-left corner is `point`. */
export function cardCenter(point: Point): Point {
  return { x: point.x + CARD_WIDTH / 2, y: point.y + CARD_HEIGHT / 2 };
}

/** The top-left corner of a card centred on `point`. */
export function cardCorner(point: Point): Point {
  return { x: point.x - CARD_WIDTH / 2, y: point.y - CARD_HEIGHT / 2 };
}

/** A rectangle in board coordinates, top-left corner and size. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept between a new card and what is already on the board. */
const SPOT_GAP = 16;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Where a new card goes: `corner` when the card fits there without touching anything in
 * `taken`, else the nearest free place, searched outwards ring by ring on a grid of half-card
 * steps. After `maxRings` rings (a crowded view) it gives up and returns `corner`.
 */
export function freeSpot(taken: readonly Rect[], corner: Point, maxRings = 12): Point {
  const fits = (point: Point) => {
    const box = { x: point.x - SPOT_GAP, y: point.y - SPOT_GAP, width: CARD_WIDTH + 2 * SPOT_GAP, height: CARD_HEIGHT + 2 * SPOT_GAP };
    return !taken.some((rect) => overlaps(box, rect));
  };
  const start = { x: Math.round(corner.x), y: Math.round(corner.y) };
  if (fits(start)) return start;
  const stepX = (CARD_WIDTH + SPOT_GAP) / 2;
  const stepY = (CARD_HEIGHT + SPOT_GAP) / 2;
  for (let ring = 1; ring <= maxRings; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        candidates.push({ x: Math.round(start.x + i * stepX), y: Math.round(start.y + j * stepY) });
      }
    }
    candidates.sort((a, b) => Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y));
    const free = candidates.find(fits);
    if (free) return free;
  }
  return start;
}
