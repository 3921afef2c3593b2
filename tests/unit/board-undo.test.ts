import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createInitiative, duplicateInitiatives, moveInitiative, setInitiativeText, updateInitiative } from "@/lib/board/mutations";
import { localUserOrigin, type TransactionOrigin } from "@/lib/board/origins";
import { initializeBoard, readBoard, writeBoardContent } from "@/lib/board/schema";
import { createUndoManager } from "@/lib/board/undo";

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("createUndoManager", () => {
  it("undoes only the local user's change, not another user's", () => {
    const aliceDoc = new Y.Doc();
    const bobDoc = new Y.Doc();
    initializeBoard(aliceDoc, { title: "Board" });
    sync(aliceDoc, bobDoc);
    const alice = localUserOrigin("Alice");
    const bob = localUserOrigin("Bob");
    const aliceUndo = createUndoManager(aliceDoc, alice);

    const id = createInitiative(aliceDoc, { title: "Pricing", x: 0, y: 0 }, alice);
    aliceUndo.stopCapturing();
    sync(aliceDoc, bobDoc);
    moveInitiative(bobDoc, id, 300, 400, bob);
    sync(aliceDoc, bobDoc);
    setInitiativeText(aliceDoc, id, "title", "Pricing page", alice);

    aliceUndo.undo();
    expect(readBoard(aliceDoc).initiatives[id]).toMatchObject({ title: "Pricing", x: 300, y: 400 });
    aliceUndo.undo();
    expect(readBoard(aliceDoc).initiatives[id]).toBeUndefined();
    expect(aliceUndo.canUndo()).toBe(false);
  });

  it("tracks the origin object by identity, so an equal-looking origin is not tracked", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Board" });
    const origin = localUserOrigin("Alice");
    const undo = createUndoManager(doc, origin);
    createInitiative(doc, { x: 0, y: 0 }, localUserOrigin("Alice"));
    expect(undo.canUndo()).toBe(false);
    createInitiative(doc, { x: 0, y: 0 }, origin);
    expect(undo.canUndo()).toBe(true);
  });

  it("never records restores or imports", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Board" });
    const origin: TransactionOrigin = localUserOrigin("Alice");
    const undo = createUndoManager(doc, origin);
    const content = readBoard(doc);
    writeBoardContent(doc, { ...content, meta: { ...content.meta, title: "Restored" } }, {
      kind: "restore",
      versionId: "v1",
      userName: "Alice",
    });
    expect(readBoard(doc).meta.title).toBe("Restored");
    expect(undo.canUndo()).toBe(false);
  });

  // Issue #3: steps made within the capture timeout used to merge whatever they changed, so a
  // Ctrl-Z right after a quick Ctrl-D took back the typing before it as well.
  it("keeps a command made right after typing as its own step", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Board" });
    const origin = localUserOrigin("Alice");
    const undo = createUndoManager(doc, origin);
    const id = createInitiative(doc, { x: 0, y: 0 }, origin);
    for (const title of ["K", "Ke", "Key"]) setInitiativeText(doc, id, "title", title, origin);
    const [copy] = duplicateInitiatives(doc, [id], { x: 32, y: 32 }, origin);

    undo.undo();
    expect(Object.keys(readBoard(doc).initiatives)).toEqual([id]);
    expect(readBoard(doc).initiatives[id]?.title).toBe("Key");
    undo.undo();
    expect(readBoard(doc).initiatives[id]?.title).toBe("");
    undo.undo();
    expect(readBoard(doc).initiatives).toEqual({});
    undo.redo();
    undo.redo();
    undo.redo();
    expect(Object.keys(readBoard(doc).initiatives).sort()).toEqual([id, copy].sort());
  });

  it("still merges quick edits of the same field into one step, but not edits of different cards", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Board" });
    const origin = localUserOrigin("Alice");
    const undo = createUndoManager(doc, origin);
    const first = createInitiative(doc, { x: 0, y: 0 }, origin);
    const second = createInitiative(doc, { x: 0, y: 0 }, origin);
    undo.stopCapturing();
    for (const owner of ["K", "Ki", "Kim"]) updateInitiative(doc, first, { owner }, origin);
    moveInitiative(doc, second, 10, 10, origin);
    moveInitiative(doc, second, 20, 20, origin);

    undo.undo();
    expect(readBoard(doc).initiatives[second]).toMatchObject({ x: 0, y: 0 });
    expect(readBoard(doc).initiatives[first]?.owner).toBe("Kim");
    undo.undo();
    expect(readBoard(doc).initiatives[first]?.owner).toBe("");
    undo.undo();
    expect(readBoard(doc).initiatives[second]).toBeUndefined();
    expect(readBoard(doc).initiatives[first]).toBeDefined();
  });

  it("does not let another user's edit in between split or join this user's steps", () => {
    const aliceDoc = new Y.Doc();
    const bobDoc = new Y.Doc();
    initializeBoard(aliceDoc, { title: "Board" });
    sync(aliceDoc, bobDoc);
    const alice = localUserOrigin("Alice");
    const undo = createUndoManager(aliceDoc, alice);
    const id = createInitiative(aliceDoc, { x: 0, y: 0 }, alice);
    undo.stopCapturing();
    setInitiativeText(aliceDoc, id, "title", "Ke", alice);
    createInitiative(bobDoc, { x: 5, y: 5 }, localUserOrigin("Bob"));
    sync(aliceDoc, bobDoc);
    setInitiativeText(aliceDoc, id, "title", "Key", alice);

    undo.undo();
    expect(readBoard(aliceDoc).initiatives[id]?.title).toBe("");
    expect(Object.keys(readBoard(aliceDoc).initiatives)).toHaveLength(2);
  });
});
