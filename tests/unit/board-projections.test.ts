import { describe, expect, it } from "vitest";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { DEFAULT_MODELS } from "@/lib/board/models";
import { fieldsForDrop, layout, MATRIX_PRESETS, type FieldEdit, type ViewOptions } from "@/lib/board/projections";
import { emptyBoardContent } from "@/lib/board/schema";
import type { BoardContent, InitiativeContent } from "@/lib/board/types";

function initiative(id: string, fields: Partial<InitiativeContent> = {}): InitiativeContent {
  return { id, title: id, notes: "", modelId: null, owner: "", status: "idea", x: 0, y: 0, ...fields };
}

function board(...items: InitiativeContent[]): BoardContent {
  const content = emptyBoardContent("Views");
  for (const model of DEFAULT_MODELS) content.models[model.id] = { ...model };
  for (const item of items) content.initiatives[item.id] = item;
  return content;
}

function apply(content: BoardContent, id: string, edit: FieldEdit): BoardContent {
  const next = structuredClone(content);
  const item = next.initiatives[id] as InitiativeContent;
  for (const [field, value] of Object.entries(edit)) {
    if (value === undefined) delete item[field];
    else item[field] = value;
  }
  return next;
}

/** Laying out, then dropping every card where it already is, changes no field. */
function expectStableRoundTrip(content: BoardContent, view: ViewOptions): void {
  const { positions } = layout(content, view);
  expect(Object.keys(positions).sort()).toEqual(Object.keys(content.initiatives).sort());
  for (const [id, point] of Object.entries(positions)) {
    const edit = fieldsForDrop(content, view, id, point);
    expect(apply(content, id, edit).initiatives[id], `${view.kind} ${id}`).toEqual(content.initiatives[id]);
  }
}

/** The card's centre placed at `center` as a top-left drop point. */
const at = (x: number, y: number) => ({ x: x - CARD_WIDTH / 2, y: y - CARD_HEIGHT / 2 });

describe("canvas", () => {
  it("uses x/y both ways", () => {
    const content = board(initiative("a", { x: 10, y: -20 }));
    expect(layout(content, { kind: "canvas" })).toEqual({ positions: { a: { x: 10, y: -20 } }, guides: [] });
    expect(fieldsForDrop(content, { kind: "canvas" }, "a", { x: 5, y: 6 })).toEqual({ x: 5, y: 6 });
    expect(fieldsForDrop(content, { kind: "canvas" }, "missing", { x: 5, y: 6 })).toEqual({});
  });
});

describe("rings", () => {
  const view: ViewOptions = { kind: "rings", field: "proximityCustomer", sectorBy: "tag", ringWidth: 300 };
  const content = board(
    initiative("close", { proximityCustomer: 0, tags: ["growth"] }),
    initiative("far", { proximityCustomer: 3, tags: ["growth", "x"] }),
    initiative("mid", { proximityCustomer: 2, tags: ["ops"] }),
    initiative("untagged", { proximityCustomer: 1 }),
    initiative("unset", { tags: ["ops"] }),
  );

  it("puts each card in the ring of its proximity and the unset ones in the outer band", () => {
    const { positions, guides } = layout(content, view);
    const radius = (id: string) => {
      const point = positions[id] ?? { x: NaN, y: NaN };
      return Math.hypot(point.x + CARD_WIDTH / 2, point.y + CARD_HEIGHT / 2);
    };
    expect(radius("close")).toBeLessThan(300);
    expect(Math.floor(radius("mid") / 300)).toBe(2);
    expect(Math.floor(radius("far") / 300)).toBe(3);
    expect(Math.floor(radius("unset") / 300)).toBe(4);
    const rings = guides.filter((guide) => guide.kind === "ring");
    expect(rings.map((guide) => guide.key)).toEqual([0, 1, 2, 3, null]);
    expect(rings.at(-1)?.label).toBe("Unplaced");
    const sectors = guides.filter((guide) => guide.kind === "sector").map((guide) => guide.label);
    expect(sectors).toEqual(["growth", "ops", "(none)"]);
  });

  it("round-trips every card", () => expectStableRoundTrip(content, view));

  it("maps drops to proximity and sector, clearing proximity beyond ring 3", () => {
    // Sectors: growth (top right third), ops, (none). Straight right of centre lies in "growth".
    expect(fieldsForDrop(content, view, "mid", at(0, 450))).toEqual({ proximityCustomer: 1 });
    expect(fieldsForDrop(content, view, "mid", at(0, 750))).toEqual({});
    expect(fieldsForDrop(content, view, "mid", at(450, -100))).toEqual({ proximityCustomer: 1, tags: ["growth", "ops"] });
    expect(fieldsForDrop(content, view, "close", at(5000, 0))).toEqual({ proximityCustomer: undefined });
    const edit = fieldsForDrop(content, view, "unset", at(-200, 10));
    expect(edit).toEqual({ proximityCustomer: 0 });
  });

  it("lands a dropped card in the ring and sector it was dropped on", () => {
    const edit = fieldsForDrop(content, view, "unset", at(0, -950));
    expect(edit).toEqual({ proximityCustomer: 3, tags: ["growth", "ops"] });
    const after = apply(content, "unset", edit);
    const point = layout(after, view).positions.unset ?? { x: 0, y: 0 };
    expect(fieldsForDrop(after, view, "unset", point)).toEqual({});
    expect(Math.floor(Math.hypot(point.x + CARD_WIDTH / 2, point.y + CARD_HEIGHT / 2) / 300)).toBe(3);
  });

  it("sectors by North Star input and clears it in (none)", () => {
    const byInput: ViewOptions = { kind: "rings", field: "proximityOutcome", sectorBy: "northStarInput", ringWidth: 300 };
    const inputs = board(
      initiative("a", { proximityOutcome: 1, northStarInput: "Activation" }),
      initiative("b", { proximityOutcome: 2 }),
    );
    expectStableRoundTrip(inputs, byInput);
    // Two sectors: Activation (right half, from 12 o'clock clockwise), (none) (left half).
    expect(fieldsForDrop(inputs, byInput, "a", at(-450, 0))).toEqual({ northStarInput: undefined });
    expect(fieldsForDrop(inputs, byInput, "b", at(450, 0))).toEqual({ proximityOutcome: 1, northStarInput: "Activation" });
    expect(fieldsForDrop(inputs, byInput, "b", at(-750, 0))).toEqual({});
  });

  it("widens a crowded ring instead of piling its last sub-row onto itself", () => {
    const crowded = board(
      ...Array.from({ length: 40 }, (_, index) => initiative(`c${String(index).padStart(2, "0")}`, { proximityCustomer: 1, tags: ["growth"] })),
      initiative("close", { proximityCustomer: 0, tags: ["growth"] }),
    );
    const narrow: ViewOptions = { kind: "rings", field: "proximityCustomer", sectorBy: "tag", ringWidth: 280 };
    const { positions, guides } = layout(crowded, narrow);
    const ring = guides.find((guide) => guide.kind === "ring" && guide.key === 1);
    if (ring?.kind !== "ring") throw new Error("no ring 1");
    expect(ring.outerRadius - ring.innerRadius).toBeGreaterThan(280);
    const centres = Object.entries(positions).map(([id, point]) => ({ id, x: point.x + CARD_WIDTH / 2, y: point.y + CARD_HEIGHT / 2 }));
    for (const centre of centres.filter((item) => item.id !== "close")) {
      const radius = Math.hypot(centre.x, centre.y);
      expect(radius, centre.id).toBeGreaterThanOrEqual(ring.innerRadius);
      expect(radius, centre.id).toBeLessThan(ring.outerRadius);
    }
    // Neighbours on one sub-row (same radius) stand at least a card's width apart.
    for (const [index, a] of centres.entries()) {
      for (const b of centres.slice(index + 1)) {
        if (Math.abs(Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y)) > 1) continue;
        expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.id} / ${b.id}`).toBeGreaterThanOrEqual(CARD_WIDTH);
      }
    }
    expectStableRoundTrip(crowded, narrow);
  });

  it("lays out an empty board", () => {
    const { positions, guides } = layout(board(), view);
    expect(positions).toEqual({});
    expect(guides.filter((guide) => guide.kind === "sector")).toHaveLength(1);
  });
});

describe("2×2 matrix", () => {
  const proximityView: ViewOptions = { kind: "matrix", ...MATRIX_PRESETS["proximity-reversibility"], width: 1600, height: 1200 };
  const moneyView: ViewOptions = { kind: "matrix", ...MATRIX_PRESETS["confidence-investment"], width: 1000, height: 1000 };
  const content = board(
    initiative("near-easy", { proximityCustomer: 0, reversibility: "easy" }),
    initiative("near-easy-2", { proximityCustomer: 0, reversibility: "easy" }),
    initiative("far-by-model", { proximityCustomer: 3, modelId: "platform-service" }),
    initiative("no-proximity", { reversibility: "hard" }),
    initiative("money", { confidence: 40, investment: { amount: 8, unit: "k€" } }),
    initiative("money-2", { confidence: 90, investment: { amount: 2, unit: "FTE" } }),
  );

  it("round-trips every card on both presets", () => {
    expectStableRoundTrip(content, proximityView);
    expectStableRoundTrip(content, moneyView);
  });

  it("places by axis values, reading reversibility from the model when unset, and unplaced below", () => {
    const { positions, guides } = layout(content, proximityView);
    const centerOf = (id: string) => ({ x: (positions[id]?.x ?? NaN) + CARD_WIDTH / 2, y: (positions[id]?.y ?? NaN) + CARD_HEIGHT / 2 });
    expect(centerOf("near-easy").x).toBeLessThan(400);
    expect(centerOf("near-easy").y).toBeGreaterThan(800);
    expect(centerOf("far-by-model").x).toBeGreaterThan(1200);
    expect(centerOf("far-by-model").y).toBeLessThan(400);
    expect(centerOf("no-proximity").y).toBeGreaterThan(1200);
    expect(positions["near-easy"]).not.toEqual(positions["near-easy-2"]);
    expect(guides.filter((guide) => guide.kind === "axis").map((guide) => guide.label)).toEqual([
      "Distance from customer",
      "Reversibility",
    ]);
    expect(guides.filter((guide) => guide.kind === "region" && guide.role === "quadrant")).toHaveLength(4);
  });

  it("spreads a pile in one cell without cards overlapping where the cell has room", () => {
    const pile = board(
      ...["a", "b", "c"].map((id) => initiative(id, { proximityCustomer: 1, reversibility: "moderate" })),
    );
    const { positions } = layout(pile, proximityView);
    const boxes = Object.values(positions);
    expect(boxes).toHaveLength(3);
    for (const [index, a] of boxes.entries()) {
      for (const b of boxes.slice(index + 1)) {
        expect(Math.abs(a.x - b.x) >= CARD_WIDTH || Math.abs(a.y - b.y) >= CARD_HEIGHT, `${JSON.stringify(a)} / ${JSON.stringify(b)}`).toBe(true);
      }
    }
    expectStableRoundTrip(pile, proximityView);
  });

  it("clamps drops outside the square to the extreme values", () => {
    expect(fieldsForDrop(content, proximityView, "near-easy", at(-900, -900))).toEqual({ reversibility: "hard" });
    expect(fieldsForDrop(content, proximityView, "near-easy", at(9000, 1100))).toEqual({ proximityCustomer: 3 });
    expect(fieldsForDrop(content, proximityView, "far-by-model", at(0, 0))).toEqual({ proximityCustomer: 0 });
    // Investment runs 0…10 here (the board's largest amount, rounded up to a nice number).
    expect(fieldsForDrop(content, moneyView, "money-2", at(5000, -50))).toEqual({
      investment: { amount: 10, unit: "FTE" },
      confidence: 100,
    });
    expect(fieldsForDrop(content, moneyView, "money", at(250, 500))).toEqual({
      investment: { amount: 2.5, unit: "k€" },
      confidence: 50,
    });
  });

  it("clears both axis fields when dropped in the unplaced band, and places cards given values", () => {
    expect(fieldsForDrop(content, moneyView, "money", at(100, 1300))).toEqual({ investment: undefined, confidence: undefined });
    expect(fieldsForDrop(content, moneyView, "near-easy", at(100, 1300))).toEqual({});
    const edit = fieldsForDrop(content, moneyView, "near-easy", at(500, 500));
    expect(edit).toEqual({ investment: { amount: 5, unit: "FTE" }, confidence: 50 });
    const after = apply(content, "near-easy", edit);
    const point = layout(after, moneyView).positions["near-easy"] ?? { x: 0, y: 0 };
    expect(point.y + CARD_HEIGHT / 2).toBeLessThan(1000);
  });
});

describe("swimlanes", () => {
  const content = board(
    initiative("a", { modelId: "capital-project", status: "active", horizon: "H1" }),
    initiative("b", { modelId: "capital-project", status: "active" }),
    initiative("c", { modelId: "gone-model", status: "weird" }),
    initiative("d", { status: "done", horizon: "H3" }),
  );
  const byStatus: ViewOptions = { kind: "swimlanes", columnsBy: "status" };
  const byHorizon: ViewOptions = { kind: "swimlanes", columnsBy: "horizon" };

  it("has a lane per model plus No model, and columns per status plus unknown ones", () => {
    const { guides } = layout(content, byStatus);
    const lanes = guides.filter((guide) => guide.kind === "region" && guide.role === "lane");
    expect(lanes).toHaveLength(DEFAULT_MODELS.length + 1);
    expect(lanes.at(-1)?.label).toBe("No model");
    const columns = guides.flatMap((guide) => (guide.kind === "region" && guide.role === "column" ? [guide.key] : []));
    expect(columns).toEqual(["idea", "proposed", "active", "paused", "done", "stopped", "weird"]);
  });

  it("round-trips, with a missing model read as No model", () => {
    const missingAsNull = apply(content, "c", { modelId: null });
    expectStableRoundTrip(missingAsNull, byStatus);
    expectStableRoundTrip(content, byHorizon);
    const { positions } = layout(content, byStatus);
    expect(fieldsForDrop(content, byStatus, "c", positions.c ?? { x: 0, y: 0 })).toEqual({});
    expect(fieldsForDrop(content, byStatus, "a", positions.d ?? { x: 0, y: 0 })).toEqual({ modelId: null, status: "done" });
  });

  it("stacks cards of one cell without overlap", () => {
    const { positions } = layout(content, byStatus);
    expect(positions.a?.x).toBe(positions.b?.x);
    expect(Math.abs((positions.a?.y ?? 0) - (positions.b?.y ?? 0))).toBeGreaterThanOrEqual(CARD_HEIGHT);
  });

  it("drops onto another lane and column, clamping outside the grid", () => {
    const { guides } = layout(content, byHorizon);
    const lane = guides.find((guide) => guide.kind === "region" && guide.role === "lane" && guide.key === "staged-venture-bet");
    const column = guides.find((guide) => guide.kind === "region" && guide.role === "column" && guide.key === "H2");
    if (lane?.kind !== "region" || column?.kind !== "region") throw new Error("guides missing");
    expect(fieldsForDrop(content, byHorizon, "d", at(column.x + 100, lane.y + 40))).toEqual({
      modelId: "staged-venture-bet",
      horizon: "H2",
    });
    expect(fieldsForDrop(content, byHorizon, "a", at(-5000, 1e6))).toEqual({ modelId: null });
    expect(fieldsForDrop(content, byHorizon, "a", at(1e6, -5000))).toMatchObject({ horizon: undefined });
  });
});

describe("horizon columns", () => {
  const view: ViewOptions = { kind: "horizons" };
  const content = board(
    initiative("a", { horizon: "H1" }),
    initiative("b", { horizon: "H1" }),
    initiative("c", { horizon: "H1" }),
    initiative("d", { horizon: "H3" }),
    initiative("e"),
  );

  it("has H1/H2/H3 and an unset column, and round-trips", () => {
    const { guides, positions } = layout(content, view);
    expect(guides.map((guide) => (guide.kind === "region" ? guide.key : "?"))).toEqual(["H1", "H2", "H3", null]);
    expectStableRoundTrip(content, view);
    expect(positions.a?.y).toBe(positions.b?.y);
    expect(positions.c?.y).toBeGreaterThan(positions.a?.y ?? 0);
  });

  it("sets, clears and clamps the horizon on drop", () => {
    const { guides } = layout(content, view);
    const h2 = guides[1];
    if (h2?.kind !== "region") throw new Error("no H2 column");
    expect(fieldsForDrop(content, view, "e", at(h2.x + 50, 100))).toEqual({ horizon: "H2" });
    expect(fieldsForDrop(content, view, "a", at(1e6, 100))).toEqual({ horizon: undefined });
    expect(fieldsForDrop(content, view, "e", at(-1e6, 100))).toEqual({ horizon: "H1" });
    expect(fieldsForDrop(content, view, "a", at(-1e6, 100))).toEqual({});
    expect(fieldsForDrop(content, view, "missing", at(0, 0))).toEqual({});
  });
});
