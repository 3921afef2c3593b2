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
  /**
   * At least this many rounds in a run that is not `--quick`, whatever `--rounds` says: for a
   * figure compared closely with the reference on a noisy machine, the median of two is not enough.
   */
  minRounds?: number;
  metrics: MetricSpec[];
  run(context: ScenarioContext): Promise<ScenarioResult>;
}
