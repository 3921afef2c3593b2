import * as Y from "yjs";
import { readBoard } from "../../lib/board/schema";
import { createBoard } from "../../server/boards";
import { GroupCommitter } from "../../server/collab/groupCommit";
import { RoomRegistry } from "../../server/collab/registry";
import { materializeAt } from "../../server/history/materialize";
import { createLogger } from "../../server/logger";
import { ServerMetrics } from "../../server/metrics";
import type { Storage } from "../../server/storage/types";
import { seededRandom } from "./core-harness";
import { canonicalJson } from "./convergence-run";
import { randomEdit } from "./fuzz-ops";

export interface EquivalenceOptions {
  edits: number;
  /**
   * The deliberately broken variant: checkpoints claim one batch more than their state holds
   * (an off-by-one a checkpointer could make). A correct check must notice.
   */
  checkpointOffByOne?: boolean;
}

/**
 * Writes a random update log in random batches with random checkpoints, then compares what
 * storage gives back with the live document: a registry load of the head, and history's
 * materialisation at random earlier points. Returns the mismatches (empty when equivalent).
 */
export async function checkStorageEquivalence(storage: Storage, seed: number, options: EquivalenceOptions): Promise<string[]> {
  const random = seededRandom(seed);
  const board = await createBoard(storage, "http://equivalence.invalid", { title: `seed ${seed}`, source: "template" });
  const live = new Y.Doc();
  const initial = await storage.latestCheckpoint(board.id);
  if (initial) Y.applyUpdate(live, initial.state);
  const pending: Uint8Array[] = [];
  live.on("update", (update: Uint8Array) => pending.push(update));
  const expectedAt = new Map<number, string>();
  let previousState = Y.encodeStateAsUpdate(live);
  let editsLeft = options.edits;
  while (editsLeft > 0) {
    const batchEdits = 1 + Math.floor(random() * Math.min(editsLeft, 12));
    for (let i = 0; i < batchEdits; i++) randomEdit(live, random, `writer${i % 3}`);
    editsLeft -= batchEdits;
    const batch = pending.splice(0).map((data) => ({ boardId: board.id, data, author: "writer", createdAt: Date.now() }));
    if (batch.length === 0) continue;
    const seqs = await storage.appendUpdates(batch);
    const head = seqs.at(-1) ?? 0;
    if (random() < 0.3) expectedAt.set(head, canonicalJson(readBoard(live)));
    if (random() < 0.2) {
      const state = options.checkpointOffByOne ? previousState : Y.encodeStateAsUpdate(live);
      await storage.writeCheckpoint({ boardId: board.id, seq: head, state, createdAt: Date.now() });
    }
    previousState = Y.encodeStateAsUpdate(live);
  }
  const problems: string[] = [];
  const expectedHead = canonicalJson(readBoard(live));
  const registry = new RoomRegistry({ storage, committer: new GroupCommitter(storage), metrics: new ServerMetrics(), logger: createLogger("silent") });
  const room = await registry.get(board.id);
  if (canonicalJson(readBoard(room.doc)) !== expectedHead) problems.push("a reload of the head differs from the live document");
  await registry.closeAll();
  for (const [seq, expected] of expectedAt) {
    const doc = await materializeAt(storage, board.id, seq);
    if (canonicalJson(readBoard(doc)) !== expected) problems.push(`the board materialised at seq ${seq} differs from the live document then`);
    doc.destroy();
  }
  live.destroy();
  return problems;
}
