import { describe, expect, it } from "vitest";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { byReadingOrder, farCardAt, isOnBoard, splitForFarZoom } from "@/app/_lib/zoomDetail";

interface TestNode {
  id: string;
  type: string;
  hidden?: boolean;
  selected?: boolean;
  position: { x: number; y: number };
}

const card = (id: string, x: number, y: number, extra: Partial<TestNode> = {}): TestNode => ({ id, type: "initiative", position: { x, y }, ...extra });
const link = (id: string, source: string, target: string, selected = false) => ({ id, source, target, selected });

describe("splitForFarZoom", () => {
  const nodes = [
    card("a", 0, 0),
    card("b", 300, 0, { selected: true }),
    card("c", 600, 0),
    card("filtered", 900, 0, { hidden: true }),
    { id: "note", type: "note", position: { x: 0, y: 200 } },
    card("editing", 1200, 0),
  ];

  it("hides unselected cards from React Flow and hands them to the canvas; selected cards, notes and the card being edited stay nodes", () => {
    const split = splitForFarZoom(nodes, [], ["editing", null]);
    expect(split.farCards.map((node) => node.id)).toEqual(["a", "c"]);
    const byId = new Map(split.nodes.map((node) => [node.id, node]));
    expect(byId.get("a")?.hidden).toBe(true);
    expect(byId.get("c")?.hidden).toBe(true);
    expect(byId.get("b")?.hidden).toBeUndefined();
    expect(byId.get("note")?.hidden).toBeUndefined();
    expect(byId.get("editing")?.hidden).toBeUndefined();
    expect(split.nodes).toHaveLength(nodes.length);
  });

  it("tells a far card (on the board, drawn as pixels) from a card a filter hides", () => {
    const split = splitForFarZoom(nodes, [], []);
    const byId = new Map(split.nodes.map((node) => [node.id, node]));
    expect(isOnBoard(byId.get("a") ?? {})).toBe(true);
    expect(isOnBoard(byId.get("b") ?? {})).toBe(true);
    expect(isOnBoard(byId.get("filtered") ?? {})).toBe(false);
    // The originals are untouched: a far copy is a new object.
    expect(nodes[0]?.hidden).toBeUndefined();
  });

  it("keeps a hidden copy's identity while its node is unchanged, so React Flow skips it", () => {
    const first = splitForFarZoom(nodes, [], []);
    const second = splitForFarZoom(nodes, [], []);
    expect(second.nodes[0]).toBe(first.nodes[0]);
    const moved = [card("a", 10, 10), ...nodes.slice(1)];
    const third = splitForFarZoom(moved, [], []);
    expect(third.nodes[0]).not.toBe(first.nodes[0]);
    expect(third.nodes[0]?.position).toEqual({ x: 10, y: 10 });
  });

  it("gives React Flow only links between two nodes it renders; the rest go to the canvas", () => {
    const withSecondSelected = nodes.map((node) => (node.id === "c" ? { ...node, selected: true } : node));
    const edges = [link("bc", "b", "c"), link("ab", "a", "b"), link("a-filtered", "a", "filtered")];
    const split = splitForFarZoom(withSecondSelected, edges, []);
    expect(split.edges.map((edge) => edge.id)).toEqual(["bc"]);
    expect(split.farLinks.map((edge) => edge.id)).toEqual(["ab", "a-filtered"]);
  });

  it("keeps both ends of a selected link as nodes, so the link and its panel stay", () => {
    const split = splitForFarZoom(nodes, [link("ac", "a", "c", true)], []);
    expect(split.farCards.map((node) => node.id)).toEqual(["editing"]);
    expect(split.edges.map((edge) => edge.id)).toEqual(["ac"]);
  });
});

describe("farCardAt", () => {
  const cards = [card("under", 0, 0), card("over", CARD_WIDTH / 2, CARD_HEIGHT / 2), card("far", 5000, 5000)];

  it("finds the card under a board point, edges included", () => {
    expect(farCardAt(cards, { x: 1, y: 1 })?.id).toBe("under");
    expect(farCardAt(cards, { x: 5000 + CARD_WIDTH, y: 5000 + CARD_HEIGHT })?.id).toBe("far");
  });

  it("prefers the card drawn last where two overlap, and finds nothing between cards", () => {
    expect(farCardAt(cards, { x: CARD_WIDTH * 0.75, y: CARD_HEIGHT * 0.75 })?.id).toBe("over");
    expect(farCardAt(cards, { x: 3000, y: 3000 })).toBeUndefined();
    expect(farCardAt(cards, { x: -1, y: 0 })).toBeUndefined();
  });
});

describe("byReadingOrder", () => {
  it("reads rows top to bottom and each row left to right, cards a few pixels out of line in one row", () => {
    const cards = [card("row2-left", 0, 130), card("row1-right", 600, 14), card("row1-left", 0, 20), card("row1-middle", 300, 0)];
    expect([...cards].sort(byReadingOrder).map((node) => node.id)).toEqual(["row1-left", "row1-middle", "row1-right", "row2-left"]);
  });
});
