/** Card geometry shared by the canvas, projections and exports (x/y is a card's top-left corner). */
export const CARD_WIDTH = 220;
export const CARD_HEIGHT = 96;
export const NOTE_SIZE = 160;

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
