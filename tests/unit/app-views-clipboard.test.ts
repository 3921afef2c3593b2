import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createInitiative, createLink, createModel, createNote } from "@/lib/board/mutations";
import { localUserOrigin } from "@/lib/board/origins";
import { initializeBoard, readBoard } from "@/lib/board/schema";
import { createUndoManager } from "@/lib/board/undo";
import { copyItems, parseClipboardPayload, pastePayload } from "@/app/_lib/views/clipboardPayload";

const origin = localUserOrigin("Alice");

function sourceBoard() {
  const doc = new Y.Doc();
  initializeBoard(doc, { title: "Source" });
  const customModel = createModel(doc, { name: "Guild", family: "collaboration", color: "#123456" }, origin);
  const a = createInitiative(doc, { title: "Alpha", x: 100, y: 200, modelId: customModel, tags: ["x"] }, origin);
  const b = createInitiative(doc, { title: "Beta", x: 400, y: 260, modelId: "capital-project" }, origin);
  const c = createInitiative(doc, { title: "Gamma", x: 900, y: 900 }, origin);
  createLink(doc, { from: a, to: b, label: "feeds", blocking: true }, origin);
  createLink(doc, { from: b, to: c, label: "left behind" }, origin);
  return { doc, a, b, c, customModel };
}

describe("copy and paste of board items", () => {
  it("copies the chosen cards, the links among them and the models they use", () => {
    const { doc, a, b, customModel } = sourceBoard();
    const payload = copyItems(doc, [a, b, "missing"]);
    expect(payload?.initiatives.map((item) => item.title)).toEqual(["Alpha", "Beta"]);
    expect(payload?.links.map((link) => link.label)).toEqual(["feeds"]);
    expect(payload?.models.map((model) => model.id).sort()).toEqual(["capital-project", customModel].sort());
    expect(copyItems(doc, ["missing"])).toBeNull();
  });

  it("pastes onto another board keeping arrangement, links and custom models, as one undo step", () => {
    const { doc, a, b, customModel } = sourceBoard();
    const text = JSON.stringify(copyItems(doc, [a, b]));
    const target = new Y.Doc();
    initializeBoard(target, { title: "Target" });
    const undo = createUndoManager(target, origin);
    const payload = parseClipboardPayload(text);
    if (!payload) throw new Error("payload not recognised");
    const ids = pastePayload(target, payload, { x: 0, y: 0 }, origin);
    const board = readBoard(target);
    expect(ids).toHaveLength(2);
    expect(ids.every((id) => id !== a && id !== b)).toBe(true);
    const pasted = ids.map((id) => board.initiatives[id]);
    expect(pasted.map((item) => [item?.title, item?.x, item?.y])).toEqual([["Alpha", 0, 0], ["Beta", 300, 60]]);
    expect(pasted[0]?.tags).toEqual(["x"]);
    expect(board.models[customModel]?.name).toBe("Guild");
    expect(Object.values(board.links)).toEqual([expect.objectContaining({ from: ids[0], to: ids[1], label: "feeds", blocking: true })]);
    undo.undo();
    expect(Object.keys(readBoard(target).initiatives)).toEqual([]);
  });

  it("copies sticky notes, free text and frames with what the frames hold, and pastes them in place of each other", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Workshop" });
    const frame = createNote(doc, { kind: "frame", text: "Discovery", x: 0, y: 0, width: 800, height: 400, color: "#bfdbfe" }, origin);
    const inside = createInitiative(doc, { title: "Inside", x: 40, y: 60 }, origin);
    const partner = createInitiative(doc, { title: "Partner", x: 400, y: 60 }, origin);
    const sticky = createNote(doc, { text: "Ask finance", x: 100, y: 220, color: "#fbcfe8" }, origin);
    createNote(doc, { text: "Far away", x: 2000, y: 2000 }, origin);
    const words = createNote(doc, { kind: "text", text: "Why now?", x: 1000, y: 100, color: "#b91c1c" }, origin);
    createLink(doc, { from: inside, to: partner, label: "feeds" }, origin);

    // The frame brings its two cards (and their link) and the sticky; the free text is selected beside it.
    const payload = copyItems(doc, [frame, words]);
    expect(payload?.initiatives.map((item) => item.title).sort()).toEqual(["Inside", "Partner"]);
    expect(payload?.notes.map((note) => note.text).sort()).toEqual(["Ask finance", "Discovery", "Why now?"]);
    expect(payload?.links.map((link) => link.label)).toEqual(["feeds"]);
    expect(copyItems(doc, [sticky])?.initiatives).toEqual([]);

    const target = new Y.Doc();
    initializeBoard(target, { title: "Target" });
    const undo = createUndoManager(target, origin);
    const parsed = parseClipboardPayload(JSON.stringify(payload));
    if (!parsed) throw new Error("payload not recognised");
    const ids = pastePayload(target, parsed, { x: 5000, y: -300 }, origin);
    const board = readBoard(target);
    expect(ids).toHaveLength(5);
    const notes = Object.values(board.notes);
    const byText = (text: string) => notes.find((note) => note.text === text);
    expect(byText("Discovery")).toMatchObject({ kind: "frame", x: 5000, y: -300, width: 800, height: 400, color: "#bfdbfe" });
    expect(byText("Ask finance")).toMatchObject({ x: 5100, y: -80, color: "#fbcfe8" });
    expect(byText("Why now?")).toMatchObject({ kind: "text", x: 6000, y: -200, color: "#b91c1c" });
    const cards = Object.values(board.initiatives);
    expect(cards.map((card) => [card.title, card.x, card.y]).sort()).toEqual([["Inside", 5040, -240], ["Partner", 5400, -240]]);
    const [link] = Object.values(board.links);
    expect(link && [board.initiatives[link.from]?.title, board.initiatives[link.to]?.title, link.label]).toEqual(["Inside", "Partner", "feeds"]);
    undo.undo();
    const undone = readBoard(target);
    expect([Object.keys(undone.notes), Object.keys(undone.initiatives), Object.keys(undone.links)]).toEqual([[], [], []]);
  });

  it("still pastes what the first version copied (initiatives and links only)", () => {
    const legacy = JSON.stringify({ kind: "modelmap/initiatives", version: 1, initiatives: [{ id: "a", title: "Old", x: 1, y: 2 }], links: [], models: [] });
    expect(parseClipboardPayload(legacy)).toMatchObject({ initiatives: [{ id: "a", title: "Old" }], notes: [] });
  });

  it("ignores clipboard text that is not a modelmap payload, and items that fail validation", () => {
    expect(parseClipboardPayload("hello")).toBeNull();
    expect(parseClipboardPayload('{"kind":"modelmap/items","initiatives":[],"notes":[]}')).toBeNull();
    expect(parseClipboardPayload('{"kind":"modelmap/items",')).toBeNull();
    expect(parseClipboardPayload('{"kind":"modelmap/items","initiatives":[{"id":"a","title":"A","x":"1","y":2}]}')).toBeNull();
    const mixed = parseClipboardPayload(
      JSON.stringify({
        kind: "modelmap/items",
        initiatives: [],
        notes: [
          { id: "n1", text: "ok", x: 0, y: 0, color: "#fde68a" },
          { id: "n2", text: "bad colour", x: 0, y: 0, color: "red;<script>" },
          { id: "n3", text: "no place", color: "#fde68a" },
        ],
      }),
    );
    expect(mixed?.notes.map((note) => note.id)).toEqual(["n1"]);
  });
});
