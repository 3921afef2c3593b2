import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createInitiative, moveInitiative, setInitiativeText } from "@/lib/board/mutations";
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
});
