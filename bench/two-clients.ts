/**
 * Sync latency between two stock y-websocket clients on one board, through the real server
 * (in-process, SQLite in a temp dir, every update stored before it is relayed).
 * Usage: npx tsx bench/two-clients.ts [updates=500]
 */
import { connectClient, createBoard, startTestServer, waitFor, waitForSync } from "../tests/helpers/server";

const count = Number(process.argv[2] ?? 500);
const server = await startTestServer();
const board = await createBoard(server.url);
const writer = connectClient(server.wsBase, board.id, board.editToken, "Writer");
const reader = connectClient(server.wsBase, board.id, board.editToken, "Reader");
await Promise.all([waitForSync(writer), waitForSync(reader)]);

const latencies: number[] = [];
let sentAt = 0;
reader.doc.getMap("probe").observe(() => latencies.push(performance.now() - sentAt));
for (let i = 0; i < count; i++) {
  sentAt = performance.now();
  writer.doc.getMap("probe").set("k", i);
  await waitFor(() => latencies.length > i, 5000, `update ${i}`);
}
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2);
console.log(`two clients, ${count} sequential updates, stored before relay: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms`);
writer.destroy();
reader.destroy();
await server.close();
