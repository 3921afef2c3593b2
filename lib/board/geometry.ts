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
