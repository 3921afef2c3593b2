/*
 * A separate process for the storage contract's multi-process test: opens the configured
 * storage, appends numbered batches to one board as fast as it can, and prints the seqs it got
 * as JSON. Run with `node --import tsx storage-append-worker.ts '<json arguments>'`.
 */
import { createStorage, type StorageConfig } from "../../server/storage/index";

interface WorkerArguments {
  config: StorageConfig;
  boardId: string;
  label: string;
  batches: number;
  batchSize: number;
}

const { config, boardId, label, batches, batchSize } = JSON.parse(process.argv[2] ?? "{}") as WorkerArguments;
const storage = createStorage(config);
await storage.init();
const seqs: number[] = [];
for (let batch = 0; batch < batches; batch += 1) {
  const updates = Array.from({ length: batchSize }, (_, position) => ({
    boardId,
    data: new TextEncoder().encode(`${label}:${batch}:${position}`),
    author: label,
    createdAt: Date.now(),
  }));
  seqs.push(...(await storage.appendUpdates(updates)));
}
await storage.close();
process.stdout.write(JSON.stringify(seqs));
