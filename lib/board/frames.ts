import type * as Y from "yjs";
import { FRAME_MIN_SIZE, frameBox, initiativeBox, noteBox, noteKindOf, type Box } from "./noteKinds";
import type { TransactionOrigin } from "./origins";
import { boardMaps, readBoard } from "./schema";
import type { BoardContent } from "./types";

/**
 * Frames cluster cards by geometry alone: whatever lies inside a frame's rectangle belongs to
 * it, so a card dragged onto a frame joins it and one dragged off leaves, with no membership
 * field to keep consistent between concurrent editors.
 */

export interface FrameMembers {
  initiatives: string[];
  /** Stickies, free text and frames nested inside this one. */
  notes: string[];
}

function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function holdsPoint(box: Box, point: { x: number; y: number }): boolean {
  return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
}

function holdsBox(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/**
 * What a frame holds: cards, stickies and text whose centre lies inside it, and frames lying
 * wholly inside it (a frame half over another one is its neighbour, not its child).
 */
export function frameMembers(content: BoardContent, frameId: string): FrameMembers {
  const frame = content.notes[frameId];
  if (!frame || noteKindOf(frame) !== "frame") return { initiatives: [], notes: [] };
  const box = frameBox(frame);
  const initiatives = Object.values(content.initiatives)
    .filter((initiative) => holdsPoint(box, centre(initiativeBox(initiative))))
    .map((initiative) => initiative.id);
  const notes = Object.values(content.notes)
    .filter((note) => {
      if (note.id === frameId) return false;
      const inner = noteBox(note);
      return noteKindOf(note) === "frame" ? holdsBox(box, inner) && (inner.width < box.width || inner.height < box.height) : holdsPoint(box, centre(inner));
    })
    .map((note) => note.id);
  return { initiatives, notes };
}

/**
 * Moves frames to new corners and shifts everything they hold by the same amount, as one
 * transaction. `moves` maps frame id to its new top-left corner; members are judged at the
 * frames' old places, and an item held by two moved frames moves once (with the first).
 * Returns the ids of every item it moved, frames included.
 */
export function moveFrames(
  doc: Y.Doc,
  moves: ReadonlyMap<string, { x: number; y: number }>,
  origin: TransactionOrigin,
): Set<string> {
  const content = readBoard(doc);
  const maps = boardMaps(doc);
  const moved = new Set<string>();
  const shifts: { id: string; kind: "initiative" | "note"; dx: number; dy: number }[] = [];
  for (const [frameId, to] of moves) {
    const frame = content.notes[frameId];
    if (!frame || noteKindOf(frame) !== "frame") continue;
    const dx = Math.round(to.x - frame.x);
    const dy = Math.round(to.y - frame.y);
    if (!moved.has(frameId)) {
      moved.add(frameId);
      shifts.push({ id: frameId, kind: "note", dx, dy });
    }
    const members = frameMembers(content, frameId);
    for (const id of members.initiatives) {
      if (moved.has(id)) continue;
      moved.add(id);
      shifts.push({ id, kind: "initiative", dx, dy });
    }
    for (const id of members.notes) {
      if (moved.has(id) || moves.has(id)) continue;
      moved.add(id);
      shifts.push({ id, kind: "note", dx, dy });
    }
  }
  const changed = shifts.filter((shift) => shift.dx !== 0 || shift.dy !== 0);
  if (changed.length === 0) return moved;
  doc.transact(() => {
    for (const shift of changed) {
      const map = shift.kind === "initiative" ? maps.initiatives.get(shift.id) : maps.notes.get(shift.id);
      if (!map) continue;
      const x = map.get("x");
      const y = map.get("y");
      map.set("x", (typeof x === "number" ? x : 0) + shift.dx);
      map.set("y", (typeof y === "number" ? y : 0) + shift.dy);
    }
  }, origin);
  return moved;
}

/** A frame rectangle around `boxes` with `padding` on every side (room for the title on top). */
export function frameAround(boxes: readonly Box[], padding = 40): Box | null {
  if (boxes.length === 0) return null;
  const minX = Math.min(...boxes.map((box) => box.x));
  const minY = Math.min(...boxes.map((box) => box.y));
  const maxX = Math.max(...boxes.map((box) => box.x + box.width));
  const maxY = Math.max(...boxes.map((box) => box.y + box.height));
  const titleRoom = 28;
  return {
    x: Math.round(minX - padding),
    y: Math.round(minY - padding - titleRoom),
    width: Math.max(FRAME_MIN_SIZE.width, Math.round(maxX - minX + 2 * padding)),
    height: Math.max(FRAME_MIN_SIZE.height, Math.round(maxY - minY + 2 * padding + titleRoom)),
  };
}
