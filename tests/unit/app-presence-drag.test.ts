import { describe, expect, it } from "vitest";
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { createInitiative, createNote } from "@/lib/board/mutations";
import { localUserOrigin } from "@/lib/board/origins";
import { initializeBoard } from "@/lib/board/schema";
import { dragPositionsOf, MAX_CARRIED_IDS, PresenceStore, storedCornerIn, type DragState } from "@/app/_lib/presence";

const origin = localUserOrigin("Alice");

function workshop() {
  const doc = new Y.Doc();
  initializeBoard(doc, { title: "Workshop" });
  const frame = createNote(doc, { kind: "frame", text: "Discovery", x: 0, y: 0, width: 600, height: 400 }, origin);
  const card = createInitiative(doc, { title: "Inside", x: 40, y: 60 }, origin);
  const sticky = createNote(doc, { text: "Ask finance", x: 100, y: 200 }, origin);
  return { doc, frame, card, sticky };
}

/** Bob's presence store on `doc`, seeing what Alice's awareness says. */
function bobSees(doc: Y.Doc, drag: DragState | Record<string, unknown>) {
  const alice = new Awareness(new Y.Doc());
  alice.setLocalState({ user: { name: "Alice", color: "#e11d48" }, drag });
  const bob = new Awareness(new Y.Doc());
  const store = new PresenceStore(bob, storedCornerIn(doc));
  const unsubscribe = store.subscribe(() => {});
  applyAwarenessUpdate(bob, encodeAwarenessUpdate(alice, [alice.clientID]), "remote");
  unsubscribe();
  return store;
}

describe("a peer's frame drag", () => {
  it("moves what the frame carries by the frame's offset from its stored corner", () => {
    const { doc, frame, card, sticky } = workshop();
    const store = bobSees(doc, { id: frame, x: 30, y: 20, carried: [card, sticky, "gone"] });
    expect(Object.fromEntries(store.dragPositions())).toEqual({
      [frame]: { x: 30, y: 20 },
      [card]: { x: 70, y: 80 },
      [sticky]: { x: 130, y: 220 },
    });
    expect(store.getPeers()[0]?.drag?.carried).toEqual([card, sticky, "gone"]);
  });

  it("does not move a carried item twice once the drop is stored", () => {
    const { doc, frame, card } = workshop();
    const drag = { id: frame, x: 30, y: 20, carried: [card] };
    const during = dragPositionsOf([drag], storedCornerIn(doc));
    doc.transact(() => {
      doc.getMap<Y.Map<unknown>>("notes").get(frame)?.set("x", 30);
      doc.getMap<Y.Map<unknown>>("notes").get(frame)?.set("y", 20);
      doc.getMap<Y.Map<unknown>>("initiatives").get(card)?.set("x", 70);
      doc.getMap<Y.Map<unknown>>("initiatives").get(card)?.set("y", 80);
    });
    expect(dragPositionsOf([drag], storedCornerIn(doc))).toEqual(during);
  });

  it("keeps an item another peer drags itself where that peer has it", () => {
    const { doc, frame, card } = workshop();
    const positions = dragPositionsOf(
      [
        { id: frame, x: 30, y: 20, carried: [card] },
        { id: card, x: 900, y: 900, carried: [] },
      ],
      storedCornerIn(doc),
    );
    expect(positions.get(card)).toEqual({ x: 900, y: 900 });
  });

  it("reads at most MAX_CARRIED_IDS carried ids and ignores ones that are not strings", () => {
    const { doc, frame } = workshop();
    const many = Array.from({ length: MAX_CARRIED_IDS + 50 }, (_, index) => `id-${index}`);
    expect(bobSees(doc, { id: frame, x: 0, y: 0, carried: many }).getPeers()[0]?.drag?.carried).toHaveLength(MAX_CARRIED_IDS);
    expect(bobSees(doc, { id: frame, x: 0, y: 0, carried: [1, null, "a"] }).getPeers()[0]?.drag?.carried).toEqual(["a"]);
    expect(bobSees(doc, { id: frame, x: 0, y: 0, carried: "a" }).getPeers()[0]?.drag?.carried).toEqual([]);
  });
});
