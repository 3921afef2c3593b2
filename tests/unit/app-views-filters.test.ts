import { describe, expect, it } from "vitest";
import { DEFAULT_MODELS } from "@/lib/board/models";
import type { InitiativeContent, ModelContent } from "@/lib/board/types";
import { filterChoices, isFiltering, matchesFilters, NO_FILTERS, NONE, parseFilters, searchByTitle, toggleValue } from "@/app/_lib/views/filters";

const models: ReadonlyMap<string, ModelContent> = new Map(DEFAULT_MODELS.map((model) => [model.id, model]));

function initiative(id: string, fields: Partial<InitiativeContent> = {}): InitiativeContent {
  return { id, title: id, notes: "", modelId: null, owner: "", status: "idea", x: 0, y: 0, ...fields };
}

const platform = initiative("platform", { title: "Payments platform", modelId: "platform-service", owner: "Ana", status: "active", tags: ["platform", "cost"] });
const pilot = initiative("pilot", { title: "Dealer pilot", modelId: "staged-venture-bet", owner: "Ben", tags: ["growth"] });
const orphan = initiative("orphan", { title: "Orphan idea", modelId: "deleted-model" });

describe("board filters", () => {
  it("accepts everything when no dimension is constrained", () => {
    expect(isFiltering(NO_FILTERS)).toBe(false);
    expect([platform, pilot, orphan].every((item) => matchesFilters(item, models, NO_FILTERS))).toBe(true);
  });

  it("ORs values within a dimension and ANDs across dimensions", () => {
    const owners = { ...NO_FILTERS, owners: ["Ana", "Ben"] };
    expect([platform, pilot, orphan].map((item) => matchesFilters(item, models, owners))).toEqual([true, true, false]);
    const ownersAndFamily = { ...owners, families: ["team-shape"] };
    expect([platform, pilot].map((item) => matchesFilters(item, models, ownersAndFamily))).toEqual([true, false]);
  });

  it("treats a deleted model, an empty owner and no tags as the NONE value", () => {
    expect(matchesFilters(orphan, models, { ...NO_FILTERS, modelIds: [NONE] })).toBe(true);
    expect(matchesFilters(orphan, models, { ...NO_FILTERS, owners: [NONE] })).toBe(true);
    expect(matchesFilters(orphan, models, { ...NO_FILTERS, tags: [NONE] })).toBe(true);
    expect(matchesFilters(platform, models, { ...NO_FILTERS, tags: [NONE] })).toBe(false);
    expect(matchesFilters(platform, models, { ...NO_FILTERS, tags: ["cost"] })).toBe(true);
  });

  it("lists the values present with counts, named, the NONE value last", () => {
    const choices = filterChoices([platform, pilot, orphan], models);
    expect(choices.owners.map((choice) => [choice.label, choice.count])).toEqual([["Ana", 1], ["Ben", 1], ["No owner", 1]]);
    expect(choices.modelIds.at(-1)).toMatchObject({ value: NONE, label: "No model", count: 1 });
    expect(choices.modelIds.find((choice) => choice.value === "platform-service")?.color).toBe(models.get("platform-service")?.color);
    expect(choices.statuses.map((choice) => choice.label)).toEqual(["Active", "Idea"]);
  });

  it("toggles values in and out", () => {
    const once = toggleValue(NO_FILTERS, "statuses", "active");
    expect(once.statuses).toEqual(["active"]);
    expect(toggleValue(once, "statuses", "active").statuses).toEqual([]);
  });

  it("parses saved filters defensively", () => {
    expect(parseFilters(null)).toEqual(NO_FILTERS);
    expect(parseFilters({ owners: ["Ana", 3], mode: "hide", tags: "x" })).toEqual({ ...NO_FILTERS, owners: ["Ana"], mode: "hide" });
  });
});

describe("title search", () => {
  const items = [platform, pilot, orphan, initiative("shared", { title: "Shared payments ledger" }), initiative("x", { title: "Repayments" })];

  it("ranks title prefixes, then word starts, then substrings", () => {
    expect(searchByTitle(items, "pay").map((item) => item.id)).toEqual(["platform", "shared", "x"]);
    expect(searchByTitle(items, "PAYMENTS P").map((item) => item.id)).toEqual(["platform"]);
  });

  it("returns nothing for an empty query and honours the limit", () => {
    expect(searchByTitle(items, "  ")).toEqual([]);
    expect(searchByTitle(items, "e", 2)).toHaveLength(2);
  });
});
