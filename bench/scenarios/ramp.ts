/**
 * ramp: the fan-out room with the total write rate raised step by step until p99 passes 100 ms
 * (or deliveries fall behind); the highest rate held is the last step that stayed under it.
 */
import { startCpuMeter } from "../clients/stats";
import type { RampStep, Scenario } from "./types";
import { UpdateRoom } from "./update-room";

const CONNECTIONS = 100;
const WRITERS = 10;
const P99_LIMIT_MS = 100;
/** A step whose deliveries lag this far behind has not held its rate, whatever its p99 says. */
const MIN_DELIVERED_FRACTION = 0.99;
const RATES = [50, 100, 200, 400, 700, 1000, 1400, 2000, 2800, 4000, 5600];
const QUICK_RATES = [100, 200, 700, 1400, 2800];

export const rampScenario: Scenario = {
  name: "ramp",
  title: `Ramp: total update rate raised until p99 > ${P99_LIMIT_MS} ms (${CONNECTIONS} connections, ${WRITERS} writers)`,
  metrics: [
    { key: "highestRate", label: "highest rate held", unit: "updates/s", better: "higher", decimals: 0 },
    { key: "p99AtHighest", label: "p99 at that rate", unit: "ms", better: "lower", decimals: 1 },
    { key: "generatorCpuAtLast", label: "generator CPU at last step", unit: "% core", better: "lower", decimals: 0 },
  ],
  async run({ server, quick, log }) {
    const stepMs = quick ? 2000 : 3000;
    const room = await UpdateRoom.open(server, CONNECTIONS, WRITERS);
    const steps: RampStep[] = [];
    let highestRate = 0;
    let p99AtHighest: number | null = null;
    try {
      for (const rate of quick ? QUICK_RATES : RATES) {
        const stopGeneratorMeter = startCpuMeter();
        const outcome = await room.runLoad(rate, stepMs, 1500);
        const [p50, p99] = outcome.latency.percentiles(50, 99);
        const deliveredFraction = outcome.expected > 0 ? outcome.delivered / outcome.expected : 0;
        const step: RampStep = {
          rate,
          p50: p50 ?? null,
          p99: p99 ?? null,
          deliveredFraction,
          generatorCpuPercent: stopGeneratorMeter(),
        };
        steps.push(step);
        log(`  ramp ${rate}/s: p50 ${p50?.toFixed(1)} p99 ${p99?.toFixed(1)} ms, delivered ${(deliveredFraction * 100).toFixed(1)}%`);
        const held = p99 !== null && p99 !== undefined && p99 <= P99_LIMIT_MS && deliveredFraction >= MIN_DELIVERED_FRACTION;
        if (!held) break;
        highestRate = rate;
        p99AtHighest = p99;
      }
    } finally {
      room.close();
    }
    return {
      metrics: {
        highestRate,
        p99AtHighest,
        generatorCpuAtLast: steps.at(-1)?.generatorCpuPercent ?? null,
      },
      rampSteps: steps,
    };
  },
};
