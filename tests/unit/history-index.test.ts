import { afterEach, describe, expect, it } from "vitest";
import { assignModel, createInitiative, createNote, deleteInitiative, setInitiativeText, updateInitiative } from "../../lib/board/mutations";
import { localUserOrigin } from "../../lib/board/origins";
import { readBoard } from "../../lib/board/schema";
import type { BoardContent } from "../../lib/board/types";
import { initiativeHistory } from "../../server/history/cardHistory";
import { BLOCK_EVERY_UPDATES, SEGMENT_EVERY_UPDATES } from "../../server/history/indexer";
import { authorsBetween } from "../../server/history/indexReads";
import { materializeAt } from "../../server/history/materialize";
import { HistoryService } from "../../server/history/service";
import type { NewUpdate } from "../../server/storage/types";
import { historyHarness, type HistoryHarness } from "./history-harness";

let harness: HistoryHarness;

afterEach(async () => {
  await harness.close();
});

const AUTHORS: readonly string[] = ["Ana", "Ben", "Cy"];
const UPDATES = 2 * SEGMENT_EVERY_UPDATES + 137;

interface Logged {
  /** Content after each seq (index 0: the initial board). */
  contents: BoardContent[];
  /** The entry each seq changed and who changed it. */
  touched: { key: string; author: string }[];
  cardId: string;
}

/**
 * Writes a log of edits by three people, each on a Yjs client of their own, straight into
 * storage as rooms would, remembering the board after every update.
 */
async function writeLog(updates = UPDATES, keepContents = true): Promise<Logged> {
  const doc = await materializeAt(harness.storage, harness.boardId, 0);
  const clientOf = new Map(AUTHORS.map((author, index) => [author, 1_000 + index]));
  const contents = [readBoard(doc)];
  const touched: Logged["touched"] = [{ key: "", author: "" }];
  const ids: string[] = [];
  const batch: NewUpdate[] = [];
  let author = "Ana";
  doc.on("update", (data: Uint8Array) => batch.push({ boardId: harness.boardId, data, author, createdAt: 1_000 + batch.length }));
  for (let step = 1; step <= updates; step++) {
    author = AUTHORS[step % 3] as string;
    doc.clientID = clientOf.get(author) as number;
    const origin = localUserOrigin(author);
    const id = ids[(step * 7) % Math.max(1, ids.length)];
    let key: string;
    if (!id || step % 50 === 0) {
      const created = createInitiative(doc, { title: `Card ${step}`, x: step, y: 0 }, origin);
      ids.push(created);
      key = `initiatives/${created}`;
    } else if (step % 97 === 0) {
      deleteInitiative(doc, id, origin);
      ids.splice(ids.indexOf(id), 1);
      key = `initiatives/${id}`;
    } else if (step % 89 === 0) {
      key = `notes/${createNote(doc, { text: `note ${step}`, x: 0, y: step }, origin)}`;
    } else {
      if (step % 5 === 0) assignModel(doc, id, step % 2 ? "capital-project" : "staged-venture-bet", `because ${step}`, origin);
      else if (step % 3 === 0) setInitiativeText(doc, id, "title", `Card ${step}`, origin);
      else updateInitiative(doc, id, { x: step, status: step % 2 ? "active" : "paused" }, origin);
      key = `initiatives/${id}`;
    }
    if (keepContents) contents.push(readBoard(doc));
    touched.push({ key, author });
  }
  await harness.storage.appendUpdates(batch);
  doc.destroy();
  return { contents, touched, cardId: ids[0] as string };
}

function expectedAuthors(logged: Logged, afterSeq: number, uptoSeq: number): Record<string, string[]> {
  const authors: Record<string, string[]> = {};
  for (const { key, author } of logged.touched.slice(afterSeq + 1, uptoSeq + 1)) {
    const list = (authors[key] ??= []);
    if (!list.includes(author)) list.push(author);
  }
  return authors;
}

describe("history index", () => {
  it("gives the board after every sampled seq, across segments, as replaying the log does", async () => {
    harness = await historyHarness();
    const logged = await writeLog();
    for (let seq = 0; seq <= UPDATES; seq += 41) expect(await harness.history.contentAt(harness.boardId, seq)).toEqual(logged.contents[seq]);
    for (const seq of [SEGMENT_EVERY_UPDATES - 1, SEGMENT_EVERY_UPDATES, SEGMENT_EVERY_UPDATES + 1, UPDATES]) {
      expect(await harness.history.contentAt(harness.boardId, seq)).toEqual(logged.contents[seq]);
    }
    expect(await harness.storage.historyIndexHead(harness.boardId)).toBe(UPDATES);
  });

  it("names who touched each entry over ranges within, across and along segment edges", async () => {
    harness = await historyHarness();
    const logged = await writeLog();
    await harness.history.indexer.ensure(harness.boardId, UPDATES);
    const ranges: [number, number][] = [
      [0, UPDATES],
      [3, 40],
      [SEGMENT_EVERY_UPDATES - 10, SEGMENT_EVERY_UPDATES + 10],
      [SEGMENT_EVERY_UPDATES, 2 * SEGMENT_EVERY_UPDATES],
      [17, 2 * SEGMENT_EVERY_UPDATES + 3],
      [40, 40],
    ];
    for (const [afterSeq, uptoSeq] of ranges) {
      expect(await authorsBetween(harness.storage, harness.boardId, afterSeq, uptoSeq)).toEqual(expectedAuthors(logged, afterSeq, uptoSeq));
    }
  });

  it("names who touched each entry over ranges that span blocks of segments", async () => {
    harness = await historyHarness();
    const updates = BLOCK_EVERY_UPDATES + 2 * SEGMENT_EVERY_UPDATES + 11;
    const logged = await writeLog(updates, false);
    await harness.history.indexer.ensure(harness.boardId, updates);
    for (const [afterSeq, uptoSeq] of [
      [0, updates],
      [17, updates - 5],
      [BLOCK_EVERY_UPDATES - 3, BLOCK_EVERY_UPDATES + 3],
      [SEGMENT_EVERY_UPDATES + 1, BLOCK_EVERY_UPDATES + SEGMENT_EVERY_UPDATES],
    ] as const) {
      expect(await authorsBetween(harness.storage, harness.boardId, afterSeq, uptoSeq)).toEqual(expectedAuthors(logged, afterSeq, uptoSeq));
    }
  });

  it("diffs two points with the authors of each changed initiative", async () => {
    harness = await historyHarness();
    const logged = await writeLog();
    const from = SEGMENT_EVERY_UPDATES - 3;
    const answer = await harness.history.changes(harness.boardId, { seq: from, label: "then" }, { seq: UPDATES, label: "now" });
    const expected = expectedAuthors(logged, from, UPDATES);
    expect(answer.changed.length).toBeGreaterThan(0);
    for (const item of answer.changed) expect(item.authors).toEqual(expected[`initiatives/${item.id}`]);
    for (const item of answer.added) expect(item.authors).toEqual(expected[`${item.kind}s/${item.id}`]);
  });

  it("lists a card's field changes with their authors, from the index", async () => {
    harness = await historyHarness();
    const logged = await writeLog();
    await harness.history.indexer.ensure(harness.boardId, UPDATES);
    const entries = await initiativeHistory(harness.storage, harness.boardId, logged.cardId, UPDATES);
    const touchingSeqs = logged.touched.flatMap((touch, seq) => (touch.key === `initiatives/${logged.cardId}` ? [seq] : []));
    const createdAt = touchingSeqs[0] as number;
    expect(entries.at(-1)).toMatchObject({ field: "created", seq: createdAt, author: AUTHORS[createdAt % 3] });
    for (const entry of entries) expect(touchingSeqs).toContain(entry.seq);
    const modelChanges = entries.filter((entry) => entry.field === "modelId");
    expect(modelChanges.length).toBeGreaterThan(0);
    for (const entry of modelChanges) {
      const before = logged.contents[entry.seq - 1]?.initiatives[logged.cardId];
      const after = logged.contents[entry.seq]?.initiatives[logged.cardId];
      expect(entry.from).toBe(before?.modelId ?? null);
      expect(entry.to).toBe(after?.modelId ?? null);
      expect(entry.author).toBe(AUTHORS[entry.seq % 3]);
    }
  });

  it("keeps the replay document in step when the log grows between reads", async () => {
    harness = await historyHarness();
    const logged = await writeLog();
    expect(await harness.history.contentAt(harness.boardId, 100)).toEqual(logged.contents[100]);
    expect(await harness.history.contentAt(harness.boardId, 700)).toEqual(logged.contents[700]);
    // Another process (its own indexer) carries on from where this one's index stopped.
    const fresh = new HistoryService(harness.storage, harness.registry);
    expect(await fresh.contentAt(harness.boardId, UPDATES)).toEqual(logged.contents[UPDATES]);
  });
});
