import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { diffBoards } from "@/lib/board/diff";
import { frameAround, frameMembers, moveFrames } from "@/lib/board/frames";
import { exportMarkdown, exportSvg } from "@/lib/board/io";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { createInitiative, createNote, updateNote } from "@/lib/board/mutations";
import { clearSpot, frameBox, noteKindOf, noteLabel, FRAME_DEFAULT_SIZE } from "@/lib/board/noteKinds";
import { localUserOrigin } from "@/lib/board/origins";
import { boardMaps, initializeBoard, readBoard } from "@/lib/board/schema";
import { parseBoardContent } from "@/lib/board/validate";

const alice = localUserOrigin("Alice");

function workshop() {
  const doc = new Y.Doc();
  initializeBoard(doc, { title: "Workshop" });
  const frame = createNote(doc, { kind: "frame", text: "Discovery", x: 0, y: 0, width: 600, height: 400, color: "#bfdbfe" }, alice);
  const inside = createInitiative(doc, { title: "Inside", x: 40, y: 60 }, alice);
  // Its centre (x + CARD_WIDTH / 2) is inside although its right edge sticks out of the frame.
  const straddling = createInitiative(doc, { title: "Straddling", x: 450, y: 200 }, alice);
  const outside = createInitiative(doc, { title: "Outside", x: 800, y: 60 }, alice);
  const sticky = createNote(doc, { text: "Ask finance", x: 300, y: 100 }, alice);
  const words = createNote(doc, { kind: "text", text: "Why now?", x: 20, y: 300, color: "#0f172a" }, alice);
  const nested = createNote(doc, { kind: "frame", text: "Inner", x: 300, y: 250, width: 200, height: 120 }, alice);
  const overlapping = createNote(doc, { kind: "frame", text: "Neighbour", x: 500, y: 300, width: 300, height: 300 }, alice);
  return { doc, frame, inside, straddling, outside, sticky, words, nested, overlapping };
}

describe("note kinds", () => {
  it("reads a missing or unknown kind as a sticky note", () => {
    expect(noteKindOf({})).toBe("sticky");
    expect(noteKindOf({ kind: "arrow" })).toBe("sticky");
    expect(noteKindOf({ kind: "text" })).toBe("text");
    expect(noteKindOf({ kind: "frame" })).toBe("frame");
  });

  it("gives a frame without a valid size the default one", () => {
    expect(frameBox({ id: "f", text: "", x: 5, y: 6, color: "", kind: "frame", width: -3 })).toEqual({ x: 5, y: 6, ...FRAME_DEFAULT_SIZE });
  });

  it("labels frames for lists and diffs", () => {
    expect(noteLabel({ text: "Discovery", kind: "frame" })).toBe("Frame: Discovery");
    expect(noteLabel({ text: "", kind: "frame" })).toBe("Frame: untitled");
    expect(noteLabel({ text: "  " })).toBe("(empty note)");
  });
});

describe("frameMembers", () => {
  it("holds items whose centre is inside and frames wholly inside", () => {
    const { doc, frame, inside, straddling, sticky, words, nested } = workshop();
    const members = frameMembers(readBoard(doc), frame);
    expect(members.initiatives.sort()).toEqual([inside, straddling].sort());
    expect(members.notes.sort()).toEqual([sticky, words, nested].sort());
  });

  it("is empty for an id that is not a frame", () => {
    const { doc, sticky } = workshop();
    expect(frameMembers(readBoard(doc), sticky)).toEqual({ initiatives: [], notes: [] });
    expect(frameMembers(readBoard(doc), "missing")).toEqual({ initiatives: [], notes: [] });
  });
});

describe("moveFrames", () => {
  it("moves the frame and what it holds by the same amount in one transaction", () => {
    const { doc, frame, inside, straddling, outside, sticky, words, nested, overlapping } = workshop();
    const transactions: unknown[] = [];
    doc.on("afterTransaction", (transaction: Y.Transaction) => transactions.push(transaction.origin));
    const moved = moveFrames(doc, new Map([[frame, { x: 100, y: -50 }]]), alice);
    expect(transactions).toEqual([alice]);
    const after = readBoard(doc);
    expect(after.notes[frame]).toMatchObject({ x: 100, y: -50 });
    expect(after.initiatives[inside]).toMatchObject({ x: 140, y: 10 });
    expect(after.initiatives[straddling]).toMatchObject({ x: 550, y: 150 });
    expect(after.notes[sticky]).toMatchObject({ x: 400, y: 50 });
    expect(after.notes[words]).toMatchObject({ x: 120, y: 250 });
    expect(after.notes[nested]).toMatchObject({ x: 400, y: 200 });
    expect(after.initiatives[outside]).toMatchObject({ x: 800, y: 60 });
    expect(after.notes[overlapping]).toMatchObject({ x: 500, y: 300 });
    expect([...moved].sort()).toEqual([frame, inside, straddling, sticky, words, nested].sort());
  });

  it("moves an item held by two moved frames once", () => {
    const { doc, frame, nested, sticky } = workshop();
    // The inner frame and the outer one are dragged together (both selected): same offset.
    moveFrames(doc, new Map([[frame, { x: 10, y: 0 }], [nested, { x: 310, y: 250 }]]), alice);
    const after = readBoard(doc);
    expect(after.notes[nested]).toMatchObject({ x: 310, y: 250 });
    expect(after.notes[sticky]).toMatchObject({ x: 310, y: 100 });
  });

  it("writes nothing when the frame did not move", () => {
    const { doc, frame } = workshop();
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    moveFrames(doc, new Map([[frame, { x: 0, y: 0 }]]), alice);
    expect(transactions).toBe(0);
  });

  it("judges members at the frame's old place, so a resized frame takes what it now covers", () => {
    const { doc, frame, outside } = workshop();
    updateNote(doc, frame, { width: 1200 }, alice);
    moveFrames(doc, new Map([[frame, { x: 0, y: 100 }]]), alice);
    expect(readBoard(doc).initiatives[outside]).toMatchObject({ x: 800, y: 160 });
    expect(boardMaps(doc).notes.get(frame)?.get("width")).toBe(1200);
  });
});

describe("frameAround", () => {
  it("encloses the boxes with padding and room for the title", () => {
    const box = frameAround([
      { x: 100, y: 100, width: CARD_WIDTH, height: CARD_HEIGHT },
      { x: 400, y: 180, width: CARD_WIDTH, height: CARD_HEIGHT },
    ], 40);
    expect(box).toEqual({ x: 60, y: 32, width: 300 + CARD_WIDTH + 80, height: 80 + CARD_HEIGHT + 80 + 28 });
    expect(frameAround([])).toBeNull();
  });
});

describe("frames and free text in exports, validation and the diff", () => {
  it("round-trips through validation, refusing a frame of negative size", () => {
    const { doc, frame } = workshop();
    const json = JSON.parse(JSON.stringify(readBoard(doc)));
    const parsed = parseBoardContent(json);
    expect(parsed.ok && parsed.content.notes[frame]).toMatchObject({ kind: "frame", width: 600, height: 400 });
    json.notes[frame].width = -1;
    const refused = parseBoardContent(json);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]?.path).toBe(`notes.${frame}.width`);
  });

  it("draws frames behind cards and free text without a sticky behind it", () => {
    const { doc } = workshop();
    const svg = exportSvg(readBoard(doc));
    const firstFrame = svg.indexOf('<g class="frame">');
    const firstCard = svg.indexOf('<g class="initiative">');
    expect(firstFrame).toBeGreaterThan(-1);
    expect(firstFrame).toBeLessThan(firstCard);
    expect(svg).toContain('width="600" height="400"');
    const text = svg.slice(svg.indexOf('<g class="text">'));
    expect(text.slice(0, text.indexOf("</g>"))).not.toContain("<rect");
    expect(text).toContain("Why now?");
    expect(svg.indexOf('<g class="text">')).toBeGreaterThan(firstCard);
  });

  it("lists frames with the initiatives inside them in Markdown", () => {
    const { doc } = workshop();
    const markdown = exportMarkdown(readBoard(doc));
    expect(markdown).toContain("## Frames");
    expect(markdown).toContain("- **Discovery** — Inside, Straddling");
    expect(markdown).toContain("- **Neighbour** — no initiatives");
  });

  it("names a frame as a frame in the diff", () => {
    const { doc, frame } = workshop();
    const before = readBoard(doc);
    updateNote(doc, frame, { text: "Delivery", color: "#bbf7d0" }, alice);
    const diff = diffBoards(before, readBoard(doc), { from: "a", to: "b" });
    expect(diff.changed).toEqual([
      expect.objectContaining({ id: frame, kind: "note", title: "Frame: Delivery", fields: expect.objectContaining({ color: { from: "#bfdbfe", to: "#bbf7d0" } }) }),
    ]);
  });
});

describe("clearSpot", () => {
  it("steps a new item off the ones it would cover, and keeps a free spot as is", () => {
    const free = { x: 0, y: 0, width: 100, height: 50 };
    expect(clearSpot(free, [{ x: 200, y: 200, width: 10, height: 10 }])).toEqual(free);
    const occupied = [{ x: 0, y: 0, width: 100, height: 100 }];
    expect(clearSpot(free, occupied, 40)).toEqual({ x: 120, y: 120, width: 100, height: 50 });
    expect(clearSpot(free, occupied, 1, 3)).toEqual({ x: 3, y: 3, width: 100, height: 50 });
  });
});
