import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createInitiative, createLink, createModel } from "@/lib/board/mutations";
import { localUserOrigin } from "@/lib/board/origins";
import { initializeBoard, readBoard } from "@/lib/board/schema";
import { createUndoManager } from "@/lib/board/undo";
import { copyInitiatives, parseClipboardPayload, pastePayload } from "@/app/_lib/views/clipboardPayload";

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

describe("copy and paste of initiatives", () => {
  it("copies the chosen cards, the links among them and the models they use", () => {
    const { doc, a, b, customModel } = sourceBoard();
    const payload = copyInitiatives(doc, [a, b, "missing"]);
    expect(payload?.initiatives.map((item) => item.title)).toEqual(["Alpha", "Beta"]);
    expect(payload?.links.map((link) => link.label)).toEqual(["feeds"]);
    expect(payload?.models.map((model) => model.id).sort()).toEqual(["capital-project", customModel].sort());
    expect(copyInitiatives(doc, ["missing"])).toBeNull();
  });

  it("pastes onto another board keeping arrangement, links and custom models, as one undo step", () => {
    const { doc, a, b, customModel } = sourceBoard();
    const text = JSON.stringify(copyInitiatives(doc, [a, b]));
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

  it("ignores clipboard text that is not a modelmap payload", () => {
    expect(parseClipboardPayload("hello")).toBeNull();
    expect(parseClipboardPayload('{"kind":"modelmap/initiatives","initiatives":[]}')).toBeNull();
    expect(parseClipboardPayload('{"kind":"modelmap/initiatives",')).toBeNull();
    expect(parseClipboardPayload('{"kind":"modelmap/initiatives","initiatives":[{"id":"a","x":"1","y":2}]}')).toBeNull();
  });
});
