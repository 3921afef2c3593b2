import * as Y from "yjs";
import type { Storage } from "../storage/types";

/**
 * The document as it was after update `seq`: the nearest checkpoint at or before it plus the
 * logged updates up to it. History never depends on the live document's tombstones.
 */
export async function materializeAt(storage: Storage, boardId: string, seq: number): Promise<Y.Doc> {
  const doc = new Y.Doc({ gc: true });
  const checkpoint = await storage.latestCheckpoint(boardId, seq);
  if (checkpoint) Y.applyUpdate(doc, checkpoint.state);
  const updates = await storage.readUpdates(boardId, checkpoint?.seq ?? 0, seq);
  doc.transact(() => {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update.data);
      } catch {
        // A stored update that does not apply is skipped here as on load (Room constructor).
      }
    }
  });
  return doc;
}

/** The document as it was at a moment in time (server time, ms). */
export async function materializeAtTime(storage: Storage, boardId: string, at: number): Promise<{ doc: Y.Doc; seq: number }> {
  const seq = await storage.seqAtTime(boardId, at);
  return { doc: await materializeAt(storage, boardId, seq), seq };
}
