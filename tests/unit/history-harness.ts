import type * as Y from "yjs";
import { createBoard } from "../../server/boards";
import { GroupCommitter } from "../../server/collab/groupCommit";
import { RoomRegistry } from "../../server/collab/registry";
import type { RoomHooks } from "../../server/collab/room";
import { HistoryService } from "../../server/history/service";
import { createLogger } from "../../server/logger";
import { ServerMetrics } from "../../server/metrics";
import { createStorage } from "../../server/storage";
import type { Storage } from "../../server/storage/types";
import { tempDir } from "../helpers/server";

export interface HistoryHarness {
  storage: Storage;
  registry: RoomRegistry;
  history: HistoryService;
  hooks: RoomHooks;
  boardId: string;
  /** A change made on the live room and stored with `author`, as a client's would be; its seq. */
  edit(author: string, change: (doc: Y.Doc) => void): Promise<number | null>;
  close(): Promise<void>;
}

/** The real history stack without sockets: SQLite in a temp dir, a room registry, one board. */
export async function historyHarness(): Promise<HistoryHarness> {
  const { dir, remove } = tempDir("modelmap-history-");
  const storage = createStorage({ dataDir: dir });
  await storage.init();
  const hooks: RoomHooks = {};
  const registry = new RoomRegistry({
    storage,
    committer: new GroupCommitter(storage),
    metrics: new ServerMetrics(),
    logger: createLogger("silent"),
    hooks,
    idleUnloadMs: 60_000,
  });
  const board = await createBoard(storage, "http://localhost", { title: "History", source: "template" });
  return {
    storage,
    registry,
    history: new HistoryService(storage, registry),
    hooks,
    boardId: board.id,
    async edit(author, change) {
      const room = await registry.get(board.id);
      return room.applyServerChange(author, change);
    },
    async close() {
      await registry.closeAll();
      await storage.close();
      remove();
    },
  };
}
