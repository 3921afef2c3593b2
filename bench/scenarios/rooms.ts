/**
 * rooms: 300 rooms × 3 connections, each room holding a small board (the new-board template).
 * Memory per loaded room = growth of the memory the server keeps / 300, measured the same way in
 * every server: a full garbage collection (through the memory probe every server is started
 * with), then RSS less V8's young generation. That generation is empty right after the
 * collection; its size follows how fast the server allocated just before (capped at 32 MB), not
 * what it holds, and it alone used to swing the per-room figure by 70–130 KB.
 */
import * as Y from "yjs";
import { initializeBoard } from "../../lib/board/schema";
import { LightClient, openClients } from "../clients/light-client";
import { sleep } from "../clients/stats";
import type { RunningServer } from "../servers/targets";
import type { Scenario } from "./types";

const ROOMS = 300;
const CONNECTIONS_PER_ROOM = 3;
const QUICK_ROOMS = 100;

/** The same content Modelmap writes into a new board, for servers that start rooms empty. */
function templateUpdate(): Uint8Array {
  const doc = new Y.Doc();
  initializeBoard(doc, { title: "Bench room" });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

interface SettledMemory {
  /** RSS after a full collection, less the (then empty) young generation. */
  retained: number;
  /** RSS after a full collection, young generation included. */
  rss: number;
  heapUsed: number;
}

/** Memory once it has settled: the median of three probes a little apart, each after a full GC. */
async function settledMemory(server: RunningServer): Promise<SettledMemory> {
  await sleep(1500);
  const samples: SettledMemory[] = [];
  for (let index = 0; index < 3; index++) {
    const probed = await server.collectAndMeasure();
    const young = (probed.spaces.new_space ?? 0) + (probed.spaces.new_large_object_space ?? 0);
    samples.push({ retained: probed.rss - young, rss: probed.rss, heapUsed: probed.heapUsed });
    await sleep(200);
  }
  samples.sort((a, b) => a.retained - b.retained);
  return samples[1] ?? { retained: 0, rss: 0, heapUsed: 0 };
}

export const roomsScenario: Scenario = {
  name: "rooms",
  title: `Rooms: ${ROOMS} rooms × ${CONNECTIONS_PER_ROOM} connections with a small board`,
  metrics: [
    { key: "rssPerRoomKb", label: "memory per loaded room (RSS after GC, less young generation)", unit: "KB", better: "lower", decimals: 0 },
    { key: "rawRssPerRoomKb", label: "RSS growth per room after GC, young generation included", unit: "KB", better: "lower", decimals: 0 },
    { key: "heapPerRoomKb", label: "JS heap used per room after GC", unit: "KB", better: "lower", decimals: 1 },
    { key: "rssBaseMb", label: "RSS before (after GC)", unit: "MB", better: "lower", decimals: 0 },
    { key: "rssLoadedMb", label: "RSS with rooms loaded (after GC)", unit: "MB", better: "lower", decimals: 0 },
    { key: "loadSeconds", label: "time to open all rooms", unit: "s", better: "lower", decimals: 1 },
  ],
  async run({ server, quick }) {
    const roomCount = quick ? QUICK_ROOMS : ROOMS;
    const seed = templateUpdate();
    const base = await settledMemory(server);
    const startedAt = performance.now();
    const clients: LightClient[] = [];
    try {
      await openClients(roomCount, 10, async (roomIndex) => {
        const address = await server.openRoom(`room-${roomIndex}`);
        for (let index = 0; index < CONNECTIONS_PER_ROOM; index++) {
          const client = new LightClient(address);
          clients.push(client);
          await client.opened;
          await client.synced;
          if (index === 0 && !address.seededByServer) client.sendUpdate(seed);
        }
      });
      const loadSeconds = (performance.now() - startedAt) / 1000;
      const loaded = await settledMemory(server);
      const perRoomKb = (before: number, after: number) => (after - before) / roomCount / 1024;
      return {
        metrics: {
          rssPerRoomKb: perRoomKb(base.retained, loaded.retained),
          rawRssPerRoomKb: perRoomKb(base.rss, loaded.rss),
          heapPerRoomKb: perRoomKb(base.heapUsed, loaded.heapUsed),
          rssBaseMb: base.rss / (1024 * 1024),
          rssLoadedMb: loaded.rss / (1024 * 1024),
          loadSeconds,
        },
        notes: quick ? [`quick run: ${roomCount} rooms`] : undefined,
      };
    } finally {
      for (const client of clients) client.close();
    }
  },
};
