/**
 * rooms: 300 rooms × 3 connections, each room holding a small board (the new-board template);
 * resident memory per loaded room = RSS growth / 300.
 */
import * as Y from "yjs";
import { initializeBoard } from "../../lib/board/schema";
import { LightClient, openClients } from "../clients/light-client";
import { sleep } from "../clients/stats";
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

/** Resident memory once it has settled: the median of a few samples a little apart. */
async function settledRss(read: () => number): Promise<number> {
  await sleep(1500);
  const samples: number[] = [];
  for (let index = 0; index < 5; index++) {
    samples.push(read());
    await sleep(200);
  }
  samples.sort((a, b) => a - b);
  return samples[2] ?? 0;
}

export const roomsScenario: Scenario = {
  name: "rooms",
  title: `Rooms: ${ROOMS} rooms × ${CONNECTIONS_PER_ROOM} connections with a small board`,
  metrics: [
    { key: "rssPerRoomKb", label: "RSS per loaded room", unit: "KB", better: "lower", decimals: 0 },
    { key: "rssBaseMb", label: "RSS before", unit: "MB", better: "lower", decimals: 0 },
    { key: "rssLoadedMb", label: "RSS with rooms loaded", unit: "MB", better: "lower", decimals: 0 },
    { key: "loadSeconds", label: "time to open all rooms", unit: "s", better: "lower", decimals: 1 },
  ],
  async run({ server, quick }) {
    const roomCount = quick ? QUICK_ROOMS : ROOMS;
    const seed = templateUpdate();
    const rssBase = await settledRss(() => server.rssBytes());
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
      const rssLoaded = await settledRss(() => server.rssBytes());
      return {
        metrics: {
          rssPerRoomKb: (rssLoaded - rssBase) / roomCount / 1024,
          rssBaseMb: rssBase / (1024 * 1024),
          rssLoadedMb: rssLoaded / (1024 * 1024),
          loadSeconds,
        },
        notes: quick ? [`quick run: ${roomCount} rooms`] : undefined,
      };
    } finally {
      for (const client of clients) client.close();
    }
  },
};
