import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { localUserOrigin } from "@/lib/board/origins";
import { NO_FILTERS } from "@/app/_lib/views/filters";
import { deleteSavedView, readSavedViews, savedViewsMap, saveView } from "@/app/_lib/views/savedViews";
import { describeView, parseViewOptions } from "@/app/_lib/views/viewOptions";

describe("saved views in the board document", () => {
  it("round-trips a view with its filters through a second replica", () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    const origin = localUserOrigin("Alice");
    saveView(alice, { name: "Q3 rings, platform only", view: { kind: "rings", field: "proximityOutcome", sectorBy: "northStarInput" }, filters: { ...NO_FILTERS, tags: ["platform"], mode: "hide" } }, origin, new Date("2026-01-02T03:04:05Z"));
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    expect(readSavedViews(bob)).toEqual([
      {
        id: expect.stringMatching(/^view_/),
        name: "Q3 rings, platform only",
        view: { kind: "rings", field: "proximityOutcome", sectorBy: "northStarInput" },
        filters: { ...NO_FILTERS, tags: ["platform"], mode: "hide" },
        createdBy: "Alice",
        createdAt: "2026-01-02T03:04:05.000Z",
      },
    ]);
  });

  it("overwrites a view saved under the same name and deletes by id", () => {
    const doc = new Y.Doc();
    const origin = localUserOrigin("Alice");
    const first = saveView(doc, { name: "Lanes", view: { kind: "swimlanes", columnsBy: "status" }, filters: NO_FILTERS }, origin);
    const second = saveView(doc, { name: "lanes ", view: { kind: "swimlanes", columnsBy: "horizon" }, filters: NO_FILTERS }, origin);
    expect(second).toBe(first);
    expect(readSavedViews(doc).map((view) => view.view)).toEqual([{ kind: "swimlanes", columnsBy: "horizon" }]);
    expect(deleteSavedView(doc, first, origin)).toBe(true);
    expect(deleteSavedView(doc, first, origin)).toBe(false);
    expect(readSavedViews(doc)).toEqual([]);
  });

  it("refuses an empty name and skips entries another client wrote badly", () => {
    const doc = new Y.Doc();
    expect(() => saveView(doc, { name: "  ", view: { kind: "canvas" }, filters: NO_FILTERS }, localUserOrigin("A"))).toThrow();
    const junk = new Y.Map<unknown>();
    junk.set("name", "Odd");
    junk.set("view", { kind: "matrix", x: "nonsense", y: "confidence" });
    savedViewsMap(doc).set("junk", junk);
    savedViewsMap(doc).set("nameless", new Y.Map());
    expect(readSavedViews(doc).map((view) => [view.name, view.view])).toEqual([["Odd", { kind: "matrix", x: "proximityCustomer", y: "confidence" }]]);
  });
});

describe("view options", () => {
  it("falls back to the free canvas for unknown input", () => {
    expect(parseViewOptions("rings")).toEqual({ kind: "canvas" });
    expect(parseViewOptions({ kind: "spiral" })).toEqual({ kind: "canvas" });
    expect(parseViewOptions({ kind: "rings", field: "x" })).toEqual({ kind: "rings", field: "proximityCustomer", sectorBy: "tag" });
  });

  it("describes views for the saved view list", () => {
    expect(describeView({ kind: "matrix", x: "investment", y: "confidence" })).toBe("2×2 · Investment × Confidence (%)");
    expect(describeView({ kind: "swimlanes", columnsBy: "horizon" })).toBe("Swimlanes by model · columns by horizon");
  });
});
