/** What every scenario receives and returns. */
import type { RunningServer } from "../servers/targets";

export interface ScenarioContext {
  server: RunningServer;
  quick: boolean;
  log: (message: string) => void;
}

export interface MetricSpec {
  key: string;
  label: string;
  unit: string;
  /** Which direction is an improvement; decides nothing, but the report says it. */
  better: "lower" | "higher";
  decimals: number;
}

/** One offered load of the ramp: the chart's points. */
export interface RampStep {
  rate: number;
  p50: number | null;
  p99: number | null;
  deliveredFraction: number;
  generatorCpuPercent: number;
}

export interface ScenarioResult {
  metrics: Record<string, number | null>;
  rampSteps?: RampStep[];
  notes?: string[];
}

export interface Scenario {
  name: string;
  title: string;
  metrics: MetricSpec[];
  run(context: ScenarioContext): Promise<ScenarioResult>;
}
