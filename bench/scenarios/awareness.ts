/**
 * awareness: 100 clients each moving a cursor at 20/s. Fan-out latency of cursor positions, and
 * how many (observer, sender) pairs end without the sender's final position ("left behind").
 */
import { LightClient, openClients } from "../clients/light-client";
import { startPacer } from "../clients/pacer";
import { encodeAwarenessState, forEachAwarenessEntry } from "../clients/protocol";
import { readAwarenessStamp } from "../clients/stamps";
import { LatencyRecorder, sleep, startCpuMeter } from "../clients/stats";
import { startServerMeter } from "./server-meter";
import type { Scenario } from "./types";

const CLIENTS = 100;
const MOVES_PER_CLIENT_PER_SECOND = 20;
const DRAIN_MS = 2000;

function cursorState(index: number, sentAt: number, move: number): string {
  // `t` first: receivers read it at a fixed offset without parsing the JSON.
  const x = (index * 37 + move * 3) % 2000;
  const y = (index * 53 + move * 7) % 1200;
  return `{"t":${sentAt.toFixed(3)},"user":{"name":"Bench ${index}","color":"#2563eb"},"cursor":{"x":${x},"y":${y}}}`;
}

export const awarenessScenario: Scenario = {
  name: "awareness",
  title: `Awareness: ${CLIENTS} cursors × ${MOVES_PER_CLIENT_PER_SECOND} moves/s`,
  metrics: [
    { key: "p50", label: "cursor latency p50", unit: "ms", better: "lower", decimals: 2 },
    { key: "p99", label: "cursor latency p99", unit: "ms", better: "lower", decimals: 2 },
    { key: "leftBehindFraction", label: "final positions left behind", unit: "", better: "lower", decimals: 4 },
    { key: "movesDeliveredFraction", label: "moves delivered / sent", unit: "", better: "higher", decimals: 3 },
    { key: "serverCpu", label: "server CPU", unit: "% core", better: "lower", decimals: 0 },
    { key: "generatorCpu", label: "load generator CPU", unit: "% core", better: "lower", decimals: 0 },
  ],
  async run({ server, quick }) {
    const durationMs = quick ? 4000 : 8000;
    const address = await server.openRoom("awareness");
    const clientIds = Array.from({ length: CLIENTS }, (_, index) => 100_000 + index * 7919);
    const senderIndexById = new Map(clientIds.map((id, index) => [id, index]));
    const lastClockSeen = Array.from({ length: CLIENTS }, () => new Uint32Array(CLIENTS));
    const sentClocks = new Uint32Array(CLIENTS);
    const latency = new LatencyRecorder();
    let movesDelivered = 0;

    const receive = (observer: number, payload: Uint8Array) => {
      const now = performance.now();
      const seen = lastClockSeen[observer];
      if (!seen) return;
      forEachAwarenessEntry(payload, (clientId, clock, stateStart, stateEnd) => {
        const sender = senderIndexById.get(clientId);
        if (sender === undefined || sender === observer || clock <= (seen[sender] ?? 0)) return;
        seen[sender] = clock;
        movesDelivered++;
        const sentAt = readAwarenessStamp(payload, stateStart, stateEnd);
        if (sentAt !== null) latency.record(now - sentAt);
      });
    };

    const clients = await openClients(CLIENTS, 20, async (index) => {
      const client = new LightClient(address, { onAwareness: (payload) => receive(index, payload) });
      await client.opened;
      await client.synced;
      return client;
    });
    try {
      const stopServerMeter = startServerMeter(server);
      const stopGeneratorMeter = startCpuMeter();
      const stopPacer = startPacer(CLIENTS * MOVES_PER_CLIENT_PER_SECOND, CLIENTS, (index) => {
        const clock = (sentClocks[index] ?? 0) + 1;
        sentClocks[index] = clock;
        const state = cursorState(index, performance.now(), clock);
        clients[index]?.sendAwareness(encodeAwarenessState(clientIds[index] ?? 0, clock, state));
      });
      await sleep(durationMs);
      const sent = stopPacer();
      await sleep(DRAIN_MS);
      const generatorCpu = stopGeneratorMeter();
      const usage = stopServerMeter();

      let leftBehind = 0;
      for (let observer = 0; observer < CLIENTS; observer++) {
        for (let sender = 0; sender < CLIENTS; sender++) {
          if (observer !== sender && (lastClockSeen[observer]?.[sender] ?? 0) < (sentClocks[sender] ?? 0)) leftBehind++;
        }
      }
      const pairs = CLIENTS * (CLIENTS - 1);
      const [p50, p99] = latency.percentiles(50, 99);
      return {
        metrics: {
          p50: p50 ?? null,
          p99: p99 ?? null,
          leftBehindFraction: leftBehind / pairs,
          movesDeliveredFraction: sent > 0 ? movesDelivered / (sent * (CLIENTS - 1)) : 0,
          serverCpu: usage.cpuPercent,
          generatorCpu,
        },
        notes: [`final positions checked ${DRAIN_MS / 1000} s after the last move`],
      };
    } finally {
      for (const client of clients) client.close();
    }
  },
};
