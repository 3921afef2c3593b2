import { CARD_HEIGHT, CARD_WIDTH, type Point } from "@/lib/board/geometry";
import type { Guide } from "@/lib/board/projections";

/** A rectangle in board coordinates. */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room the guides' labels take outside their shapes (sector names, the y-axis title). */
const LABEL_MARGIN = 320;

/**
 * Everything a structured view draws: its cards and its guides with their labels, so "zoom to
 * fit" frames the whole dial or grid, not just the cards that happen to sit in it.
 */
export function layoutBounds(positions: Record<string, Point>, guides: readonly Guide[], cardWidth = CARD_WIDTH, cardHeight = CARD_HEIGHT): Bounds | null {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const include = (x1: number, y1: number, x2: number, y2: number) => {
    left = Math.min(left, x1);
    top = Math.min(top, y1);
    right = Math.max(right, x2);
    bottom = Math.max(bottom, y2);
  };
  for (const point of Object.values(positions)) include(point.x, point.y, point.x + cardWidth, point.y + cardHeight);
  for (const guide of guides) {
    switch (guide.kind) {
      case "ring":
        include(guide.center.x - guide.outerRadius, guide.center.y - guide.outerRadius, guide.center.x + guide.outerRadius, guide.center.y + guide.outerRadius);
        break;
      case "sector": {
        const reach = guide.radius + LABEL_MARGIN;
        include(guide.center.x - reach, guide.center.y - guide.radius - 100, guide.center.x + reach, guide.center.y + guide.radius + 100);
        break;
      }
      case "axis": {
        const margin = guide.axis === "y" ? LABEL_MARGIN : 0;
        const below = guide.axis === "x" ? 100 : 0;
        include(Math.min(guide.from.x, guide.to.x) - margin, Math.min(guide.from.y, guide.to.y), Math.max(guide.from.x, guide.to.x), Math.max(guide.from.y, guide.to.y) + below);
        break;
      }
      case "region":
        include(guide.x, guide.y - 40, guide.x + guide.width, guide.y + guide.height);
        break;
    }
  }
  return Number.isFinite(left) ? { x: left, y: top, width: right - left, height: bottom - top } : null;
}

/** Ring widths never grow beyond this many times the default (a 2,000-card dial stays zoomable). */
const MAX_RING_SCALE = 8;

/**
 * Ring width that gives a board of `cardCount` cards room: the default up to a dozen cards, then
 * growing with the square root of the count, so the dial's area grows with the number of cards.
 */
export function ringWidthFor(cardCount: number, base: number): number {
  return Math.round(base * Math.min(MAX_RING_SCALE, Math.max(1, Math.sqrt(cardCount / 12))));
}
