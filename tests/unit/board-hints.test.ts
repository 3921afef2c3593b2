import { describe, expect, it } from "vitest";
import { computeHints, hintsByInitiative, type HintCode } from "@/lib/board/hints";
import { DEFAULT_MODELS } from "@/lib/board/models";
import { emptyBoardContent } from "@/lib/board/schema";
import type { BoardContent, InitiativeContent, LinkContent } from "@/lib/board/types";

const now = new Date("2025-06-15T12:00:00Z");

/** A card that trips no hint unless a test gives it one. */
function card(id: string, fields: Partial<InitiativeContent> = {}): InitiativeContent {
  return { id, title: id, notes: "", modelId: "persistent-capacity", owner: "Ann", status: "active", x: 0, y: 0, ...fields };
}

function board(initiatives: InitiativeContent[], links: LinkContent[] = []): BoardContent {
  const content = emptyBoardContent("Hints");
  for (const model of DEFAULT_MODELS) content.models[model.id] = { ...model };
  for (const item of initiatives) content.initiatives[item.id] = item;
  for (const link of links) content.links[link.id] = link;
  return content;
}

function hintsOf(content: BoardContent, code: HintCode) {
  return computeHints(content, now).filter((hint) => hint.code === code);
}

describe("computeHints", () => {
  it("finds nothing on a healthy board", () => {
    expect(computeHints(board([card("a"), card("b")]), now)).toEqual([]);
  });

  it("no model: null or a deleted model id; closed work is exempt", () => {
    const content = board([card("a", { modelId: null }), card("b", { modelId: "deleted" }), card("c", { modelId: null, status: "done" })]);
    expect(hintsOf(content, "no-model").map((hint) => hint.initiativeIds)).toEqual([["a"], ["b"]]);
  });

  it("no owner, counting blank owners", () => {
    const content = board([card("a", { owner: "" }), card("b", { owner: "   " }), card("c", { owner: "", status: "stopped" })]);
    expect(hintsOf(content, "no-owner").map((hint) => hint.initiativeIds)).toEqual([["a"], ["b"]]);
  });

  it("capital project past its decision date, not before it and not for other models", () => {
    const content = board([
      card("late", { modelId: "capital-project", nextDecisionAt: "2025-06-01" }),
      card("soon", { modelId: "capital-project", nextDecisionAt: "2025-07-01" }),
      card("other", { modelId: "staged-venture-bet", nextDecisionAt: "2025-01-01" }),
      card("undated", { modelId: "capital-project" }),
    ]);
    const hints = hintsOf(content, "capital-project-past-decision");
    expect(hints.map((hint) => hint.initiativeIds)).toEqual([["late"]]);
    expect(hints[0]?.message).toContain("2025-06-01");
  });

  it("time-boxed collaboration link with no end date names both ends and the link", () => {
    const content = board(
      [card("a"), card("b"), card("c")],
      [
        { id: "open", from: "a", to: "b", label: "", mode: "time-boxed-collaboration" },
        { id: "ended", from: "b", to: "c", label: "", mode: "time-boxed-collaboration", endsAt: "2025-09-01" },
        { id: "other", from: "a", to: "c", label: "", mode: "fully-embedded" },
      ],
    );
    expect(hintsOf(content, "time-boxed-without-end")).toEqual([
      expect.objectContaining({ initiativeIds: ["a", "b"], linkIds: ["open"] }),
    ]);
  });

  it("more than two open all-in missions, as one hint naming them all", () => {
    const missions = ["m1", "m2", "m3"].map((id) => card(id, { modelId: "all-in-mission" }));
    expect(hintsOf(board(missions.slice(0, 2)), "too-many-all-in-missions")).toEqual([]);
    expect(hintsOf(board([...missions.slice(0, 2), card("m3", { modelId: "all-in-mission", status: "done" })]), "too-many-all-in-missions")).toEqual([]);
    const hints = hintsOf(board(missions), "too-many-all-in-missions");
    expect(hints).toHaveLength(1);
    expect(hints[0]?.initiativeIds).toEqual(["m1", "m2", "m3"]);
  });

  it("exploration or venture bet depending on a transactional link", () => {
    const content = board(
      [
        card("explore", { modelId: "guardrailed-exploration" }),
        card("venture", { modelId: "staged-venture-bet" }),
        card("service"),
      ],
      [
        { id: "l1", from: "explore", to: "service", label: "", mode: "transactional-service" },
        { id: "l2", from: "service", to: "venture", label: "", mode: "transactional-service" },
        { id: "l3", from: "venture", to: "service", label: "", mode: "supportive-facilitating" },
      ],
    );
    expect(hintsOf(content, "exploration-on-transactional-link").map((hint) => [hint.initiativeIds, hint.linkIds])).toEqual([
      [["explore"], ["l1"]],
      [["venture"], ["l2"]],
    ]);
  });

  it("platform work (model or team shape) with no North Star input", () => {
    const content = board([
      card("model", { modelId: "platform-service" }),
      card("shape", { teamShapeId: "platform-service", northStarInput: " " }),
      card("ok", { teamShapeId: "platform-service", northStarInput: "Activation" }),
    ]);
    expect(hintsOf(content, "platform-without-north-star").map((hint) => hint.initiativeIds)).toEqual([["model"], ["shape"]]);
  });

  it("stale for its review cadence, using the latest of reviewedAt, confidenceAt and modelChangedAt", () => {
    const content = board([
      card("stale", { reviewCadence: "monthly", reviewedAt: "2025-04-01" }),
      card("fresh", { reviewCadence: "monthly", reviewedAt: "2025-04-01", confidenceAt: "2025-06-10T00:00:00Z" }),
      card("never", { reviewCadence: "weekly" }),
      card("no-cadence", { reviewedAt: "2020-01-01" }),
      card("quarterly", { reviewCadence: "quarterly", modelChangedAt: "2025-04-01T00:00:00Z" }),
    ]);
    const hints = hintsOf(content, "stale-review");
    expect(hints.map((hint) => hint.initiativeIds)).toEqual([["stale"], ["never"]]);
    expect(hints[0]?.message).toContain("75 days");
  });

  it("groups hints by initiative for badges", () => {
    const content = board([card("a", { modelId: null, owner: "" }), card("b")]);
    const byId = hintsByInitiative(computeHints(content, now));
    expect(byId.a?.map((hint) => hint.code)).toEqual(["no-model", "no-owner"]);
    expect(byId.b).toBeUndefined();
  });
});
