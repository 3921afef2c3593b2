/**
 * Hocuspocus 4 with its SQLite extension (stores debounced, by its defaults), the second point of
 * comparison. Env: PORT, HOST, DATA_DIR.
 */
import path from "node:path";
import { Server } from "@hocuspocus/server";
import { SQLite } from "@hocuspocus/extension-sqlite";

const port = Number(process.env.PORT ?? 1234);
const host = process.env.HOST ?? "127.0.0.1";
const dataDir = process.env.DATA_DIR ?? ".";

const server = new Server({
  port,
  address: host,
  quiet: true,
  // Benchmark observers only listen; the default 30 s idle check would cut long scenarios.
  timeout: 120_000,
  // Large enough for the 5,000-card storm board pushed as one update.
  websocketOptions: { maxPayload: 64 * 1024 * 1024 },
  extensions: [new SQLite({ database: path.join(dataDir, "hocuspocus.sqlite") })],
});

await server.listen();
console.log(`hocuspocus listening on ${host}:${port}`);

process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
