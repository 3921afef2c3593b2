/**
 * storm: a 5,000-card board in a warm room, then 200 clients joining at once; time until every
 * one of them holds the document (its sync step 1 answered).
 */
import * as Y from "yjs";
import { boardMaps } from "../../lib/board/schema";
import { LightClient, type RoomAddress } from "../clients/light-client";
import { LatencyRecorder, sleep } from "../clients/stats";
import { stormBoardContent, stormBoardUpdate } from "../storm-board";
import { startServerMeter } from "./server-meter";
import type { Scenario } from "./types";

const CARDS = 5000;
const JOINERS = 200;
const QUICK_JOINERS = 50;

/** The size of the document a newly joining client receives (0 when none arrives in time). */
async function documentSizeSeenByNewClient(address: RoomAddress): Promise<number> {
  let size = 0;
  const probe = new LightClient(address, { onSyncStep2: (bytes) => (size = bytes.length) });
  try {
    await Promise.race([probe.synced, sleep(10_000)]);
  } finally {
    probe.close();
  }
  return size;
}

/** Waits until the server hands new clients a document at least `minimumBytes` long. */
async function waitUntilServed(address: RoomAddress, minimumBytes: number): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if ((await documentSizeSeenByNewClient(address)) >= minimumBytes) return;
    await sleep(200);
  }
  throw new Error("the board never reached the server");
}

export const stormScenario: Scenario = {
  name: "storm",
  title: `Join storm: ${JOINERS} clients joining a ${CARDS.toLocaleString("en")}-card board at once`,
  metrics: [
    { key: "allSyncedMs", label: "time until all synced", unit: "ms", better: "lower", decimals: 0 },
    { key: "joinP50Ms", label: "join p50", unit: "ms", better: "lower", decimals: 0 },
    { key: "documentKb", label: "document sent", unit: "KB", better: "lower", decimals: 0 },
    { key: "serverCpu", label: "server CPU", unit: "% core", better: "lower", decimals: 0 },
    { key: "serverRss", label: "server RSS peak", unit: "MB", better: "lower", decimals: 0 },
  ],
  async run({ server, quick }) {
    const joinerCount = quick ? QUICK_JOINERS : JOINERS;
    const address = await server.openRoom("storm");
    const { content, source } = await stormBoardContent(CARDS);
    const update = stormBoardUpdate(content, address.seededByServer);
    const loader = new LightClient(address);
    const joiners: LightClient[] = [];
    try {
      await loader.synced;
      loader.sendUpdate(update);
      await waitUntilServed(address, update.length * 0.9);

      const joinTimes = new LatencyRecorder();
      let documentBytes = 0;
      let sampleDocument: Uint8Array | null = null;
      const stopServerMeter = startServerMeter(server);
      const startedAt = performance.now();
      for (let index = 0; index < joinerCount; index++) {
        const joiner = new LightClient(address, {
          onSyncStep2: (bytes) => {
            joinTimes.record(performance.now() - startedAt);
            documentBytes = bytes.length;
            if (index === 0) sampleDocument = Uint8Array.from(bytes);
          },
        });
        joiners.push(joiner);
      }
      await Promise.all(joiners.map((joiner) => joiner.synced));
      const allSyncedMs = performance.now() - startedAt;
      const usage = stopServerMeter();

      const check = new Y.Doc();
      if (sampleDocument) Y.applyUpdate(check, sampleDocument);
      const cardsSeen = boardMaps(check).initiatives.size;
      check.destroy();
      if (cardsSeen < CARDS) throw new Error(`a joiner received ${cardsSeen} cards, expected ${CARDS}`);

      const [joinP50] = joinTimes.percentiles(50);
      return {
        metrics: {
          allSyncedMs,
          joinP50Ms: joinP50 ?? null,
          documentKb: documentBytes / 1024,
          serverCpu: usage.cpuPercent,
          serverRss: usage.rssPeakMb,
        },
        notes: [`board from ${source}${quick ? `; quick run: ${joinerCount} joiners` : ""}`],
      };
    } finally {
      loader.close();
      for (const joiner of joiners) joiner.close();
    }
  },
};
