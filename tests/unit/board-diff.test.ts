import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { diffBoards, isEmptyDiff, modelReassignments, summarizeDiff } from "@/lib/board/diff";
import {
  assignModel,
  createInitiative,
  createLink,
  createModel,
  createNote,
  deleteInitiative,
  deleteModel,
  deleteNote,
  moveInitiative,
  setBoardTitle,
  setInitiativeText,
  setNoteText,
  updateInitiative,
  updateLink,
  updateModel,
} from "@/lib/board/mutations";
import { localUserOrigin } from "@/lib/board/origins";
import { initializeBoard, readBoard } from "@/lib/board/schema";

const user = localUserOrigin("Ann");
const when = new Date("2025-02-01T00:00:00Z");

function setup() {
  const doc = new Y.Doc();
  initializeBoard(doc, { title: "Q1" });
  const pricing = createInitiative(doc, { title: "Pricing", x: 0, y: 0, modelId: "capital-project", owner: "Ann" }, user);
  const ledger = createInitiative(doc, { title: "Ledger", x: 300, y: 0 }, user);
  const doomed = createInitiative(doc, { title: "Doomed", x: 600, y: 0 }, user);
  const link = createLink(doc, { from: pricing, to: ledger, label: "needs" }, user);
  const note = createNote(doc, { text: "Remember the budget", x: 0, y: 300 }, user);
  const guild = createModel(doc, { name: "Guild", family: "team-shape" }, user);
  return { doc, pricing, ledger, doomed, link, note, guild, before: readBoard(doc) };
}

describe("diffBoards", () => {
  it("is empty for equal boards and carries from/to", () => {
    const { before } = setup();
    const diff = diffBoards(before, before, { from: "v1", to: "v2" });
    expect(diff).toEqual({ from: "v1", to: "v2", added: [], removed: [], changed: [] });
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it("reports added and removed items of every kind with titles and authors", () => {
    const { doc, pricing, ledger, doomed, note, guild, before } = setup();
    const added = createInitiative(doc, { title: "Checkout", x: 0, y: 600 }, user);
    const addedLink = createLink(doc, { from: added, to: pricing }, user);
    const addedNote = createNote(doc, { text: "New idea", x: 1, y: 1 }, user);
    const addedModel = createModel(doc, { name: "Tiger team" }, user);
    deleteInitiative(doc, ledger, user);
    deleteNote(doc, note, user);
    deleteModel(doc, guild, user);
    const after = readBoard(doc);
    const diff = diffBoards(before, after, { from: "a", to: "b", authorsById: { [added]: ["Bo"], [ledger]: ["Cy"] } });
    expect(diff.added.map((item) => [item.kind, item.title]).sort()).toEqual(
      [
        ["initiative", "Checkout"],
        ["link", "Checkout → Pricing"],
        ["model", "Tiger team"],
        ["note", "New idea"],
      ].sort(),
    );
    expect(diff.added.find((item) => item.id === added)).toMatchObject({ authors: ["Bo"], item: { title: "Checkout" } });
    expect(diff.added.map((item) => item.id).sort()).toEqual([added, addedLink, addedNote, addedModel].sort());
    expect(diff.removed.map((item) => [item.kind, item.title]).sort()).toEqual(
      [
        ["initiative", "Ledger"],
        ["link", "Pricing → Ledger"],
        ["model", "Guild"],
        ["note", "Remember the budget"],
      ].sort(),
    );
    expect(diff.removed.find((item) => item.id === ledger)?.authors).toEqual(["Cy"]);
    expect(diff.changed).toEqual([]);
    expect(doomed in after.initiatives).toBe(true);
  });

  it("reports field changes of every kind, absent fields as null", () => {
    const { doc, pricing, link, note, before } = setup();
    updateInitiative(doc, pricing, { owner: "Bo", horizon: "H2", tags: ["x"] }, user);
    updateLink(doc, link, { label: "blocks", blocking: true }, user);
    setNoteText(doc, note, "Remember the budget cap", user);
    updateModel(doc, "journey-team", { color: "#000000" }, user);
    setBoardTitle(doc, "Q2", user);
    const diff = diffBoards(before, readBoard(doc), { from: "a", to: "b" });
    const byId = Object.fromEntries(diff.changed.map((change) => [change.id, change]));
    expect(byId[pricing]).toEqual({
      id: pricing,
      kind: "initiative",
      title: "Pricing",
      fields: { owner: { from: "Ann", to: "Bo" }, horizon: { from: null, to: "H2" }, tags: { from: null, to: ["x"] } },
      authors: [],
    });
    expect(byId[link]).toMatchObject({ kind: "link", fields: { label: { from: "needs", to: "blocks" }, blocking: { from: null, to: true } } });
    expect(byId[note]).toMatchObject({ kind: "note", fields: { text: { from: "Remember the budget", to: "Remember the budget cap" } } });
    expect(byId["journey-team"]).toMatchObject({ kind: "model", title: "Journey Team", fields: { color: { from: "#0891b2", to: "#000000" } } });
    expect(diff.meta).toEqual({ title: { from: "Q1", to: "Q2" } });
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it("shows a model reassignment as a modelId field change with its rationale", () => {
    const { doc, pricing, ledger, before } = setup();
    assignModel(doc, pricing, "staged-venture-bet", "Demand is unproven", user, when);
    assignModel(doc, ledger, "platform-service", undefined, user, when);
    const after = readBoard(doc);
    const diff = diffBoards(before, after, { from: "a", to: "b", authorsById: { [pricing]: ["Ann"] } });
    const change = diff.changed.find((item) => item.id === pricing);
    expect(change?.fields.modelId).toEqual({ from: "capital-project", to: "staged-venture-bet" });
    expect(modelReassignments(diff, after)).toEqual([
      { id: pricing, title: "Pricing", fromModelId: "capital-project", toModelId: "staged-venture-bet", rationale: "Demand is unproven", authors: ["Ann"] },
      { id: ledger, title: "Ledger", fromModelId: null, toModelId: "platform-service", rationale: null, authors: [] },
    ]);
    expect(summarizeDiff(diff, after.models)).toEqual([
      `re-modelled "Pricing" from Capital Project to Staged Venture Bet: Demand is unproven (Ann)`,
      `re-modelled "Ledger" from no model to Platform / Internal Service`,
    ]);
  });
});

describe("summarizeDiff", () => {
  it("writes human lines for add, remove, move, retitle and other changes", () => {
    const { doc, pricing, ledger, doomed, before } = setup();
    moveInitiative(doc, pricing, 50, 60, user);
    setInitiativeText(doc, ledger, "title", "General ledger", user);
    updateInitiative(doc, ledger, { status: "active" }, user);
    deleteInitiative(doc, doomed, user);
    createInitiative(doc, { title: "Fresh", x: 0, y: 0 }, user);
    setBoardTitle(doc, "Q2", user);
    const after = readBoard(doc);
    const lines = summarizeDiff(diffBoards(before, after, { from: "a", to: "b", authorsById: { [pricing]: ["Bo"] } }), after.models);
    expect(lines).toEqual([
      `renamed the board from "Q1" to "Q2"`,
      `added initiative "Fresh"`,
      `removed initiative "Doomed"`,
      `moved initiative "Pricing" (Bo)`,
      `retitled "Ledger" to "General ledger"`,
      `changed status of initiative "General ledger"`,
    ]);
  });

  it("names a deleted model as no model", () => {
    const { doc, pricing, guild, before } = setup();
    assignModel(doc, pricing, guild, undefined, user, when);
    const middle = readBoard(doc);
    deleteModel(doc, guild, user);
    const after = readBoard(doc);
    expect(summarizeDiff(diffBoards(before, middle, { from: "a", to: "b" }), middle.models)[0]).toBe(
      `re-modelled "Pricing" from Capital Project to Guild`,
    );
    expect(summarizeDiff(diffBoards(before, after, { from: "a", to: "b" }), after.models)).toContain(
      `re-modelled "Pricing" from Capital Project to no model`,
    );
  });
});
