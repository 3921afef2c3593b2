import { describe, expect, it } from "vitest";
import { emptyBoardContent } from "@/lib/board/schema";
import { DEFAULT_RING_WIDTH, layout } from "@/lib/board/projections";
import { layoutBounds, ringWidthFor } from "@/app/_lib/views/layoutBounds";

describe("layout bounds", () => {
  it("is null for an empty free canvas and spans cards otherwise", () => {
    expect(layoutBounds({}, [])).toBeNull();
    expect(layoutBounds({ a: { x: 10, y: 20 }, b: { x: -100, y: 300 } }, [], 200, 100)).toEqual({ x: -100, y: 20, width: 310, height: 380 });
  });

  it("covers the whole dial of the rings view, not only its cards", () => {
    const content = emptyBoardContent();
    content.initiatives.a = { id: "a", title: "A", notes: "", modelId: null, owner: "", status: "idea", x: 0, y: 0, proximityCustomer: 0 };
    const { positions, guides } = layout(content, { kind: "rings", field: "proximityCustomer", sectorBy: "tag" });
    const bounds = layoutBounds(positions, guides);
    const outer = 5 * DEFAULT_RING_WIDTH;
    expect(bounds?.x).toBeLessThanOrEqual(-outer);
    expect(bounds?.y).toBeLessThanOrEqual(-outer);
    expect((bounds?.x ?? 0) + (bounds?.width ?? 0)).toBeGreaterThanOrEqual(outer);
  });

  it("leaves room for the y axis title of the 2×2", () => {
    const { positions, guides } = layout(emptyBoardContent(), { kind: "matrix", x: "confidence", y: "investment" });
    expect(layoutBounds(positions, guides)?.x).toBeLessThan(-250);
  });
});

describe("ring width", () => {
  it("keeps the default for small boards, widens with the square root of the count, up to a cap", () => {
    expect(ringWidthFor(0, 280)).toBe(280);
    expect(ringWidthFor(12, 280)).toBe(280);
    expect(ringWidthFor(48, 280)).toBe(560);
    expect(ringWidthFor(1200, 280)).toBe(2240);
  });
});
