import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { createInitiative, createNote, deleteInitiative, setInitiativeText, updateInitiative } from "../../lib/board/mutations";
import { localUserOrigin } from "../../lib/board/origins";
import { readBoard } from "../../lib/board/schema";
import type { BoardContent } from "../../lib/board/types";
import { materializeAt, materializeAtTime } from "../../server/history/materialize";
import { historyHarness, type HistoryHarness } from "./history-harness";

let harness: HistoryHarness;

afterEach(async () => {
  await harness.close();
});

function liveContent(): BoardContent {
  const room = harness.registry.loaded(harness.boardId);
  if (!room) throw new Error("room not loaded");
  return readBoard(room.doc);
}

async function contentAtTime(at: number): Promise<BoardContent> {
  const { doc } = await materializeAtTime(harness.storage, harness.boardId, at);
  return readBoard(doc);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("materialisation", () => {
  it("reproduces the board at each version and at moments between updates", async () => {
    harness = await historyHarness();
    const seen: { at: number; content: BoardContent }[] = [];
    const versions: { id: string; seq: number; content: BoardContent }[] = [];
    let id = "";
    const steps: ((doc: Y.Doc) => void)[] = [
      (doc) => (id = createInitiative(doc, { title: "Checkout", x: 0, y: 0 }, localUserOrigin("Ana"))),
      (doc) => updateInitiative(doc, id, { owner: "Ben", status: "active" }, localUserOrigin("Ana")),
      (doc) => setInitiativeText(doc, id, "title", "Checkout revamp", localUserOrigin("Ana")),
      (doc) => createNote(doc, { text: "ask finance", x: 5, y: 5 }, localUserOrigin("Ana")),
      (doc) => deleteInitiative(doc, id, localUserOrigin("Ana")),
    ];
    for (const [index, step] of steps.entries()) {
      await harness.edit("Ana", step);
      await sleep(3);
      seen.push({ at: Date.now(), content: liveContent() });
      if (index % 2 === 0) {
        const version = await harness.history.createVersion(harness.boardId, `v${index}`, "named", "Ana");
        versions.push({ id: version.id, seq: version.seq, content: liveContent() });
      }
      await sleep(3);
    }
    for (const version of versions) {
      const doc = await materializeAt(harness.storage, harness.boardId, version.seq);
      expect(readBoard(doc)).toEqual(version.content);
      expect(await harness.history.contentAt(harness.boardId, version.seq)).toEqual(version.content);
    }
    for (const moment of seen) expect(await contentAtTime(moment.at)).toEqual(moment.content);
    const initial = await materializeAt(harness.storage, harness.boardId, 0);
    expect(Object.keys(readBoard(initial).initiatives)).toEqual([]);
  });
});

describe("restore", () => {
  it("makes the board exactly the version's content as one stored change by the restorer", async () => {
    harness = await historyHarness();
    let id = "";
    await harness.edit("Ana", (doc) => (id = createInitiative(doc, { title: "One", x: 0, y: 0, owner: "Ana" }, localUserOrigin("Ana"))));
    const version = await harness.history.createVersion(harness.boardId, "one", "named", "Ana");
    const target = liveContent();
    await harness.edit("Ben", (doc) => updateInitiative(doc, id, { owner: "Ben", status: "paused" }, localUserOrigin("Ben")));
    await harness.edit("Ben", (doc) => setInitiativeText(doc, id, "title", "One, renamed", localUserOrigin("Ben")));
    await harness.edit("Ben", (doc) => createNote(doc, { text: "new", x: 0, y: 0 }, localUserOrigin("Ben")));
    const head = await harness.storage.headSeq(harness.boardId);

    const result = await harness.history.restore(harness.boardId, version, "Cy");
    expect(liveContent()).toEqual(target);
    const log = await harness.storage.readUpdates(harness.boardId, head);
    expect(log.map((update) => update.author)).toEqual(["restore by Cy"]);
    expect(result).toMatchObject({ seq: head + 1 });
    const reloaded = await materializeAt(harness.storage, harness.boardId, head + 1);
    expect(readBoard(reloaded)).toEqual(target);
  });

  it("keeps an edit that lands on the live board while the restore is under way", async () => {
    harness = await historyHarness();
    let one = "";
    let two = "";
    await harness.edit("Ana", (doc) => {
      one = createInitiative(doc, { title: "One", x: 0, y: 0, owner: "Ana" }, localUserOrigin("Ana"));
      two = createInitiative(doc, { title: "Two", x: 0, y: 0, owner: "Ana" }, localUserOrigin("Ana"));
    });
    const version = await harness.history.createVersion(harness.boardId, "both Ana", "named", "Ana");
    await harness.edit("Ben", (doc) => updateInitiative(doc, one, { owner: "Ben" }, localUserOrigin("Ben")));

    // Ben's edit arrives after the restore has taken its "before" state and before it writes.
    const { storage } = harness;
    const createVersion = storage.createVersion.bind(storage);
    storage.createVersion = async (record) => {
      await createVersion(record);
      if (record.label.startsWith("Before restoring")) {
        await harness.edit("Ben", (doc) => updateInitiative(doc, two, { status: "at-risk" }, localUserOrigin("Ben")));
      }
    };
    await harness.history.restore(harness.boardId, version, "Cy");
    expect(liveContent().initiatives[one]?.owner).toBe("Ana");
    expect(liveContent().initiatives[two]?.status).toBe("at-risk");
  });

  it("keeps a concurrent client edit that reaches the server after the restore", async () => {
    harness = await historyHarness();
    let one = "";
    await harness.edit("Ana", (doc) => (one = createInitiative(doc, { title: "One", x: 0, y: 0, owner: "Ana" }, localUserOrigin("Ana"))));
    const version = await harness.history.createVersion(harness.boardId, "Ana", "named", "Ana");
    await harness.edit("Ben", (doc) => updateInitiative(doc, one, { owner: "Ben" }, localUserOrigin("Ben")));
    const room = await harness.registry.get(harness.boardId);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(offline);
    const noteId = createNote(offline, { text: "written offline", x: 1, y: 1 }, localUserOrigin("Dee"));
    updateInitiative(offline, one, { status: "paused" }, localUserOrigin("Dee"));

    await harness.history.restore(harness.boardId, version, "Cy");
    await harness.edit("Dee", (doc) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(offline, before)));
    const content = liveContent();
    expect(content.initiatives[one]).toMatchObject({ owner: "Ana", status: "paused" });
    expect(content.notes[noteId]?.text).toBe("written offline");
  });
});
