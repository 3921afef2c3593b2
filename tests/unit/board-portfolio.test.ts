import { describe, expect, it } from "vitest";
import { DEFAULT_MODELS } from "@/lib/board/models";
import { portfolioMix } from "@/lib/board/portfolio";
import { emptyBoardContent } from "@/lib/board/schema";
import type { BoardContent, InitiativeContent } from "@/lib/board/types";

function card(id: string, modelId: string | null, investment?: { amount: number; unit: string }, status = "active"): InitiativeContent {
  const item: InitiativeContent = { id, title: id, notes: "", modelId, owner: "", status, x: 0, y: 0 };
  if (investment) item.investment = investment;
  return item;
}

function board(...items: InitiativeContent[]): BoardContent {
  const content = emptyBoardContent("Mix");
  for (const model of DEFAULT_MODELS) content.models[model.id] = { ...model };
  for (const item of items) content.initiatives[item.id] = item;
  return content;
}

describe("portfolioMix", () => {
  const content = board(
    card("a", "capital-project", { amount: 6, unit: "FTE" }),
    card("b", "capital-project", { amount: 2, unit: "FTE" }),
    card("c", "journey-team", { amount: 2, unit: "FTE" }),
    card("d", "staged-venture-bet", { amount: 500, unit: "k€" }),
    card("e", null),
    card("f", "deleted-model", { amount: 10, unit: "FTE" }),
    card("g", "capital-project", { amount: 100, unit: "FTE" }, "done"),
  );

  it("counts and weights by model, in the most used unit, leaving out closed work", () => {
    const mix = portfolioMix(content);
    expect(mix.count).toBe(6);
    expect(mix.unit).toBe("FTE");
    expect(mix.investment).toEqual({ FTE: 20, "k€": 500 });
    const byKey = Object.fromEntries(mix.byModel.map((entry) => [entry.key, entry]));
    expect(byKey["capital-project"]).toMatchObject({ label: "Capital Project", count: 2, investment: { FTE: 8 }, color: "#ea580c" });
    expect(byKey["capital-project"]?.countShare).toBeCloseTo(2 / 6);
    expect(byKey["capital-project"]?.investmentShare).toBeCloseTo(8 / 20);
    expect(byKey.none).toMatchObject({ label: "No model", count: 2, investment: { FTE: 10 } });
    expect(byKey.none?.investmentShare).toBeCloseTo(0.5);
    expect(byKey["staged-venture-bet"]).toMatchObject({ count: 1, investment: { "k€": 500 }, investmentShare: 0 });
    expect(mix.byModel[0]?.key).toBe("capital-project");
  });

  it("aggregates by family", () => {
    const byKey = Object.fromEntries(portfolioMix(content).byFamily.map((entry) => [entry.key, entry]));
    expect(byKey.funding).toMatchObject({ label: "Funding & commitment", count: 3, investment: { FTE: 8, "k€": 500 } });
    expect(byKey["team-shape"]).toMatchObject({ count: 1, investment: { FTE: 2 } });
    expect(byKey.none).toMatchObject({ count: 2 });
  });

  it("takes a chosen unit and can include closed work", () => {
    const mix = portfolioMix(content, { unit: "k€", includeClosed: true });
    expect(mix.count).toBe(7);
    const venture = mix.byModel.find((entry) => entry.key === "staged-venture-bet");
    expect(venture?.investmentShare).toBe(1);
    expect(mix.byModel.find((entry) => entry.key === "capital-project")?.investment).toEqual({ FTE: 108 });
  });

  it("handles an empty board", () => {
    expect(portfolioMix(board())).toEqual({ count: 0, investment: {}, unit: null, byModel: [], byFamily: [] });
  });
});
