import { describe, expect, it } from "vitest";
import { portfolioMix } from "@/lib/board/portfolio";
import { DEFAULT_MODELS } from "@/lib/board/models";
import { emptyBoardContent } from "@/lib/board/schema";
import type { BoardContent } from "@/lib/board/types";
import { mixBars } from "@/app/_lib/views/mixBars";

function board(): BoardContent {
  const content = emptyBoardContent("Mix");
  for (const model of DEFAULT_MODELS) content.models[model.id] = model;
  const add = (id: string, modelId: string | null, amount?: number) => {
    content.initiatives[id] = { id, title: id, notes: "", modelId, owner: "", status: "active", x: 0, y: 0, ...(amount === undefined ? {} : { investment: { amount, unit: "FTE" } }) };
  };
  add("a", "capital-project", 10);
  add("b", "capital-project", 2);
  add("c", "persistent-capacity", 3);
  add("d", null);
  return content;
}

describe("portfolio bars", () => {
  it("counts: longest bar is the most common model, labels carry count and share", () => {
    const mix = portfolioMix(board());
    const bars = mixBars(mix, mix.byModel, "count");
    expect(bars.map((bar) => [bar.key, bar.value, bar.length])).toEqual([
      ["capital-project", 2, 1],
      ["none", 1, 0.5],
      ["persistent-capacity", 1, 0.5],
    ]);
    expect(bars[0]?.valueLabel).toBe("2 · 50%");
  });

  it("weighs by investment in the mix's unit and gives families their colours", () => {
    const mix = portfolioMix(board());
    const bars = mixBars(mix, mix.byFamily, "investment");
    expect(bars.map((bar) => [bar.key, bar.value])).toEqual([["funding", 15], ["none", 0]]);
    expect(bars[0]?.valueLabel).toBe("15 FTE · 100%");
    expect(bars[0]?.color).toMatch(/^#/);
    expect(bars[1]?.length).toBe(0);
  });
});
