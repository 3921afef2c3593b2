/**
 * fanout: one room, 100 connections, 10 writers at 20 updates/s each for ~10 s. Latency from send
 * to arrival at every other connection, delivered updates per second, server CPU and memory.
 */
import { startCpuMeter } from "../clients/stats";
import { startServerMeter } from "./server-meter";
import type { Scenario } from "./types";
import { UpdateRoom } from "./update-room";

const CONNECTIONS = 100;
const WRITERS = 10;
const UPDATES_PER_WRITER_PER_SECOND = 20;

export const fanoutScenario: Scenario = {
  name: "fanout",
  title: `Fan-out: ${CONNECTIONS} connections, ${WRITERS} writers × ${UPDATES_PER_WRITER_PER_SECOND} updates/s`,
  // Its p99 is held to "no worse than the reference": the median of five rounds, not of two.
  minRounds: 5,
  metrics: [
    { key: "p50", label: "latency p50", unit: "ms", better: "lower", decimals: 2 },
    { key: "p95", label: "latency p95", unit: "ms", better: "lower", decimals: 2 },
    { key: "p99", label: "latency p99", unit: "ms", better: "lower", decimals: 2 },
    { key: "steadyP95", label: "latency p95 after the first second", unit: "ms", better: "lower", decimals: 2 },
    { key: "steadyP99", label: "latency p99 after the first second", unit: "ms", better: "lower", decimals: 2 },
    { key: "warmupTailShare", label: "share of the slowest 1% sent in the first second", unit: "%", better: "lower", decimals: 0 },
    { key: "deliveredPerSecond", label: "delivered updates/s", unit: "/s", better: "higher", decimals: 0 },
    { key: "deliveredFraction", label: "delivered / expected", unit: "", better: "higher", decimals: 4 },
    { key: "framesPerSecond", label: "frames received/s", unit: "/s", better: "lower", decimals: 0 },
    { key: "serverCpu", label: "server CPU", unit: "% core", better: "lower", decimals: 0 },
    { key: "serverRss", label: "server RSS peak", unit: "MB", better: "lower", decimals: 0 },
    { key: "generatorCpu", label: "load generator CPU", unit: "% core", better: "lower", decimals: 0 },
  ],
  async run({ server, quick }) {
    const durationMs = quick ? 4000 : 10_000;
    const room = await UpdateRoom.open(server, CONNECTIONS, WRITERS);
    try {
      const stopServerMeter = startServerMeter(server);
      const stopGeneratorMeter = startCpuMeter();
      const outcome = await room.runLoad(WRITERS * UPDATES_PER_WRITER_PER_SECOND, durationMs);
      const generatorCpu = stopGeneratorMeter();
      const usage = stopServerMeter();
      const [p50, p95, p99] = outcome.latency.percentiles(50, 95, 99);
      const [steadyP95, steadyP99] = outcome.steadyLatency.percentiles(95, 99);
      // The slowest 1 %: every sample at or over p99, and how many of them the first second sent.
      const bound = p99 ?? null;
      const tail = bound === null ? 0 : outcome.latency.countAtLeast(bound);
      const warmupTail = bound === null ? 0 : outcome.warmupLatency.countAtLeast(bound);
      const overrun = outcome.loadSeconds / (durationMs / 1000);
      return {
        metrics: {
          p50: p50 ?? null,
          p95: p95 ?? null,
          p99: p99 ?? null,
          steadyP95: steadyP95 ?? null,
          steadyP99: steadyP99 ?? null,
          warmupTailShare: tail > 0 ? (warmupTail / tail) * 100 : null,
          deliveredPerSecond: outcome.delivered / outcome.loadSeconds,
          deliveredFraction: outcome.expected > 0 ? outcome.delivered / outcome.expected : 0,
          framesPerSecond: outcome.framesReceived / outcome.loadSeconds,
          serverCpu: usage.cpuPercent,
          serverRss: usage.rssPeakMb,
          generatorCpu,
        },
        notes:
          overrun > 1.1
            ? [`the generator's ${durationMs / 1000} s of load took ${outcome.loadSeconds.toFixed(1)} s: its timers ran late, the machine starved it; latencies are not valid`]
            : undefined,
      };
    } finally {
      room.close();
    }
  },
};
