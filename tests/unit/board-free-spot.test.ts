import { describe, expect, it } from "vitest";
import { CARD_HEIGHT, CARD_WIDTH, freeSpot, type Rect } from "@/lib/board/geometry";

const card = (x: number, y: number): Rect => ({ x, y, width: CARD_WIDTH, height: CARD_HEIGHT });
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("freeSpot", () => {
  it("keeps the asked-for place when it is free", () => {
    expect(freeSpot([card(1000, 1000)], { x: 10.4, y: 20.6 })).toEqual({ x: 10, y: 21 });
  });

  it("moves a new card off a card that sits there, to the nearest free place", () => {
    const taken = [card(0, 0)];
    const spot = freeSpot(taken, { x: 0, y: 0 });
    expect(overlap(card(spot.x, spot.y), taken[0] as Rect)).toBe(false);
    // Nearest: one step below or above (half a card's height plus the gap), not across the board.
    expect(Math.hypot(spot.x, spot.y)).toBeLessThanOrEqual(CARD_HEIGHT + 16);
  });

  it("finds a gap in a crowded neighbourhood and overlaps none of it", () => {
    const taken: Rect[] = [];
    for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) if (i !== 2 || j !== 0) taken.push(card(i * 260, j * 120));
    const spot = freeSpot(taken, { x: 0, y: 0 });
    expect(taken.some((rect) => overlap(card(spot.x, spot.y), rect))).toBe(false);
  });

  it("gives up after its search rings and returns the asked-for place", () => {
    const wall: Rect = { x: -100_000, y: -100_000, width: 200_000, height: 200_000 };
    expect(freeSpot([wall], { x: 5, y: 5 }, 3)).toEqual({ x: 5, y: 5 });
  });
});
