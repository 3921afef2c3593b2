import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  assignModel,
  createInitiative,
  createLink,
  createModel,
  createNote,
  deleteInitiative,
  deleteLink,
  deleteModel,
  deleteNote,
  duplicateInitiatives,
  moveInitiative,
  newId,
  setBoardTitle,
  setInitiativeText,
  setNoteText,
  updateInitiative,
  updateLink,
  updateModel,
  updateNote,
} from "@/lib/board/mutations";
import { localUserOrigin, type TransactionOrigin } from "@/lib/board/origins";
import { boardMaps, initializeBoard, readBoard } from "@/lib/board/schema";

const alice = localUserOrigin("Alice");

function freshDoc(): Y.Doc {
  const doc = new Y.Doc();
  initializeBoard(doc, { title: "Test board" });
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function originsOf(doc: Y.Doc, run: () => void): unknown[] {
  const seen: unknown[] = [];
  const listener = (transaction: Y.Transaction) => seen.push(transaction.origin);
  doc.on("afterTransaction", listener);
  run();
  doc.off("afterTransaction", listener);
  return seen;
}

describe("newId", () => {
  it("is URL-safe, prefixed and unique", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId("ini")));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^ini_[A-Za-z0-9_-]{12}$/);
    expect(newId("")).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});

describe("initiatives", () => {
  it("creates with defaults and Y.Text text fields", () => {
    const doc = freshDoc();
    const id = createInitiative(doc, { title: "Checkout", x: 10, y: 20, horizon: "H1" }, alice);
    const map = boardMaps(doc).initiatives.get(id);
    expect(map?.get("title")).toBeInstanceOf(Y.Text);
    expect(map?.get("notes")).toBeInstanceOf(Y.Text);
    expect(map?.get("bet")).toBeInstanceOf(Y.Text);
    expect(readBoard(doc).initiatives[id]).toMatchObject({
      id,
      title: "Checkout",
      notes: "",
      modelId: null,
      owner: "",
      status: "idea",
      x: 10,
      y: 20,
      horizon: "H1",
    });
  });

  it("gives new items fresh ids even when the fields carry one", () => {
    const doc = freshDoc();
    const id = createInitiative(doc, { id: "chosen", x: 0, y: 0 }, alice);
    expect(id).not.toBe("chosen");
    expect(Object.keys(readBoard(doc).initiatives)).toEqual([id]);
  });

  it("runs each mutation as one transaction carrying the origin", () => {
    const doc = freshDoc();
    const origins = originsOf(doc, () => {
      const id = createInitiative(doc, { x: 0, y: 0 }, alice);
      updateInitiative(doc, id, { owner: "Ann", title: "New" }, alice);
      moveInitiative(doc, id, 5, 6, alice);
      assignModel(doc, id, "capital-project", "Fixed scope", alice);
      deleteInitiative(doc, id, alice);
    });
    expect(origins).toEqual([alice, alice, alice, alice, alice]);
  });

  it("routes text fields of updateInitiative through a minimal edit", () => {
    const doc = freshDoc();
    const id = createInitiative(doc, { title: "Checkout", x: 0, y: 0 }, alice);
    const title = boardMaps(doc).initiatives.get(id)?.get("title");
    updateInitiative(doc, id, { title: "Checkout v2", owner: "Ann", tags: ["a"] }, alice);
    expect(boardMaps(doc).initiatives.get(id)?.get("title")).toBe(title);
    expect(readBoard(doc).initiatives[id]).toMatchObject({ title: "Checkout v2", owner: "Ann", tags: ["a"] });
  });

  it("removes optional fields set to undefined but keeps contract fields", () => {
    const doc = freshDoc();
    const id = createInitiative(doc, { x: 0, y: 0, horizon: "H2", owner: "Bo" }, alice);
    updateInitiative(doc, id, { title: "Kept", bet: "Also kept" }, alice);
    updateInitiative(doc, id, { horizon: undefined, owner: undefined, title: undefined, bet: undefined }, alice);
    const item = readBoard(doc).initiatives[id];
    expect(item && "horizon" in item).toBe(false);
    expect(item).toMatchObject({ owner: "Bo", title: "Kept", bet: "Also kept" });
  });

  it("stamps confidenceAt when confidence changes", () => {
    const doc = freshDoc();
    const id = createInitiative(doc, { x: 0, y: 0 }, alice);
    const now = new Date("2025-03-01T10:00:00Z");
    updateInitiative(doc, id, { confidence: 70 }, alice, now);
    expect(readBoard(doc).initiatives[id]?.confidenceAt).toBe(now.toISOString());
  });

  it("skips writes that change nothing", () => {
    const doc = freshDoc();
    const id = createInitiative(doc, { x: 1, y: 2, owner: "Ann" }, alice);
    const before = Y.encodeStateVector(doc);
    updateInitiative(doc, id, { x: 1, owner: "Ann", title: "" }, alice);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it("keeps both users' characters when two docs type into one title concurrently", () => {
    const a = freshDoc();
    const b = new Y.Doc();
    sync(a, b);
    const id = createInitiative(a, { title: "Pricing", x: 0, y: 0 }, alice);
    sync(a, b);
    setInitiativeText(a, id, "title", "Pricing page", alice);
    setInitiativeText(b, id, "title", "New Pricing", localUserOrigin("Bob"));
    sync(a, b);
    const merged = readBoard(a).initiatives[id]?.title;
    expect(merged).toBe(readBoard(b).initiatives[id]?.title);
    expect(merged).toBe("New Pricing page");
  });

  it("assignModel stores rationale and modelChangedAt, and clears a stale rationale", () => {
    const doc = freshDoc();
    const id = createInitiative(doc, { x: 0, y: 0 }, alice);
    const now = new Date("2025-01-02T03:04:05Z");
    assignModel(doc, id, "staged-venture-bet", "Unclear demand", alice, now);
    expect(readBoard(doc).initiatives[id]).toMatchObject({
      modelId: "staged-venture-bet",
      rationale: "Unclear demand",
      modelChangedAt: now.toISOString(),
    });
    assignModel(doc, id, null, undefined, alice, now);
    const item = readBoard(doc).initiatives[id];
    expect(item?.modelId).toBeNull();
    expect(item && "rationale" in item).toBe(false);
  });

  it("deleteInitiative removes the links that touch it and no others", () => {
    const doc = freshDoc();
    const a = createInitiative(doc, { x: 0, y: 0 }, alice);
    const b = createInitiative(doc, { x: 0, y: 0 }, alice);
    const c = createInitiative(doc, { x: 0, y: 0 }, alice);
    const ab = createLink(doc, { from: a, to: b }, alice);
    const ca = createLink(doc, { from: c, to: a }, alice);
    const bc = createLink(doc, { from: b, to: c }, alice);
    expect(deleteInitiative(doc, a, alice)).toBe(true);
    const board = readBoard(doc);
    expect(Object.keys(board.initiatives).sort()).toEqual([b, c].sort());
    expect(Object.keys(board.links)).toEqual([bc]);
    expect(board.links[ab]).toBeUndefined();
    expect(board.links[ca]).toBeUndefined();
    expect(deleteInitiative(doc, a, alice)).toBe(false);
  });

  it("duplicates initiatives with offset and the links among them", () => {
    const doc = freshDoc();
    const a = createInitiative(doc, { title: "A", x: 10, y: 10, tags: ["x"] }, alice);
    const b = createInitiative(doc, { title: "B", x: 20, y: 20 }, alice);
    const outside = createInitiative(doc, { title: "C", x: 0, y: 0 }, alice);
    createLink(doc, { from: a, to: b, label: "feeds", blocking: true }, alice);
    createLink(doc, { from: a, to: outside }, alice);
    const copies = duplicateInitiatives(doc, [a, b, "missing"], { x: 100, y: 50 }, alice);
    expect(copies).toHaveLength(2);
    const board = readBoard(doc);
    expect(board.initiatives[copies[0] ?? ""]).toMatchObject({ title: "A", x: 110, y: 60, tags: ["x"] });
    expect(board.initiatives[copies[1] ?? ""]).toMatchObject({ title: "B", x: 120, y: 70 });
    const copiedLinks = Object.values(board.links).filter((link) => link.from === copies[0]);
    expect(copiedLinks).toEqual([expect.objectContaining({ to: copies[1], label: "feeds", blocking: true })]);
  });

  it("edits of missing items are no-ops", () => {
    const doc = freshDoc();
    expect(updateInitiative(doc, "nope", { owner: "x" }, alice)).toBe(false);
    expect(setInitiativeText(doc, "nope", "title", "x", alice)).toBe(false);
    expect(assignModel(doc, "nope", null, undefined, alice)).toBe(false);
    expect(readBoard(doc).initiatives).toEqual({});
  });
});

describe("links, notes, models, title", () => {
  it("creates, updates and deletes links with their optional fields", () => {
    const doc = freshDoc();
    const id = createLink(
      doc,
      { from: "a", to: "b", mode: "time-boxed-collaboration", purpose: "Find the seam", endsAt: "2025-06-30" },
      alice,
    );
    expect(readBoard(doc).links[id]).toEqual({
      id,
      from: "a",
      to: "b",
      label: "",
      mode: "time-boxed-collaboration",
      purpose: "Find the seam",
      endsAt: "2025-06-30",
    });
    updateLink(doc, id, { label: "feeds", endsAt: undefined, blocking: true }, alice);
    expect(readBoard(doc).links[id]).toMatchObject({ label: "feeds", blocking: true });
    expect(readBoard(doc).links[id]).not.toHaveProperty("endsAt");
    expect(deleteLink(doc, id, alice)).toBe(true);
    expect(readBoard(doc).links).toEqual({});
  });

  it("creates notes with Y.Text and edits them", () => {
    const doc = freshDoc();
    const id = createNote(doc, { x: 1, y: 2 }, alice);
    expect(boardMaps(doc).notes.get(id)?.get("text")).toBeInstanceOf(Y.Text);
    expect(readBoard(doc).notes[id]).toEqual({ id, text: "", x: 1, y: 2, color: "#fde68a" });
    setNoteText(doc, id, "Park this", alice);
    updateNote(doc, id, { color: "#bbf7d0", x: 9 }, alice);
    expect(readBoard(doc).notes[id]).toEqual({ id, text: "Park this", x: 9, y: 2, color: "#bbf7d0" });
    expect(deleteNote(doc, id, alice)).toBe(true);
    expect(readBoard(doc).notes).toEqual({});
  });

  it("deleting a model leaves initiatives pointing at the missing id", () => {
    const doc = freshDoc();
    const modelId = createModel(doc, { name: "Guild", family: "team-shape", color: "#000000" }, alice);
    expect(readBoard(doc).models[modelId]).toMatchObject({ name: "Guild", summary: "", family: "team-shape" });
    updateModel(doc, modelId, { summary: "Cross-team craft group" }, alice);
    expect(readBoard(doc).models[modelId]?.summary).toBe("Cross-team craft group");
    const id = createInitiative(doc, { modelId, x: 0, y: 0 }, alice);
    deleteModel(doc, modelId, alice);
    const board = readBoard(doc);
    expect(board.models[modelId]).toBeUndefined();
    expect(board.initiatives[id]?.modelId).toBe(modelId);
  });

  it("sets the board title", () => {
    const doc = freshDoc();
    const origin: TransactionOrigin = localUserOrigin("Cy");
    setBoardTitle(doc, "Q3 map", origin);
    expect(readBoard(doc).meta.title).toBe("Q3 map");
  });
});
