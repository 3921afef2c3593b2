/**
 * Turns the run records into bench/results/<date>-<host>.md (+ .json with every round), the ramp
 * latency chart <date>-latency.svg, and latest.md.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { latencyChartSvg } from "./chart";
import { median } from "./clients/stats";
import type { RampStep, Scenario, ScenarioResult } from "./scenarios/types";
import type { TargetKey } from "./servers/targets";

export interface MachineInfo {
  hostname: string;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  loadAverage: number[];
}

export interface RunRecord {
  scenario: string;
  round: number;
  target: TargetKey;
  /** The machine's 1-minute load average when the run started. */
  loadAverage: number;
  result?: ScenarioResult;
  error?: string;
}

export interface BenchRun {
  startedAt: Date;
  finishedAt: Date;
  machineBefore: MachineInfo;
  machineAfter: MachineInfo;
  options: { quick: boolean; rounds: number; priority: boolean; scenarios: string[]; partial: boolean };
  scenarios: Scenario[];
  targets: { key: TargetKey; label: string }[];
  skipped: string[];
  modelmapSource: string;
  records: RunRecord[];
}

export function machineInfo(): MachineInfo {
  return {
    hostname: os.hostname(),
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg(),
  };
}

/** The median over rounds of one metric for one server; null when no round produced it. */
function metricValue(run: BenchRun, scenario: string, target: TargetKey, key: string): number | null {
  const values = run.records
    .filter((record) => record.scenario === scenario && record.target === target)
    .map((record) => record.result?.metrics[key])
    .filter((value): value is number => typeof value === "number" && Number.isFinite(value));
  return median(values);
}

function format(value: number | null, decimals: number): string {
  if (value === null) return "—";
  return value.toLocaleString("en", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function ratio(value: number | null, reference: number | null): string {
  if (value === null || reference === null || reference === 0) return "—";
  return `${(value / reference).toFixed(2)}×`;
}

function scenarioSection(run: BenchRun, scenario: Scenario): string[] {
  const others = run.targets.filter((target) => target.key !== "reference");
  const header = ["metric", "reference", ...others.flatMap((target) => [target.label, "÷ ref"])];
  const lines = [`## ${scenario.name}: ${scenario.title}`, "", `| ${header.join(" | ")} |`, `|${header.map(() => " --- ").join("|")}|`];
  for (const metric of scenario.metrics) {
    const reference = metricValue(run, scenario.name, "reference", metric.key);
    const cells = [`${metric.label}${metric.unit ? ` (${metric.unit})` : ""}, ${metric.better} is better`, format(reference, metric.decimals)];
    for (const target of others) {
      const value = metricValue(run, scenario.name, target.key, metric.key);
      cells.push(format(value, metric.decimals), ratio(value, reference));
    }
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const notes = new Set<string>();
  for (const record of run.records.filter((entry) => entry.scenario === scenario.name)) {
    if (record.error) notes.add(`${record.target} round ${record.round} failed: ${record.error.split("\n")[0]}`);
    for (const note of record.result?.notes ?? []) notes.add(note);
  }
  if (notes.size > 0) lines.push("", ...[...notes].map((note) => `- ${note}`));
  lines.push("");
  return lines;
}

interface DesignTarget {
  name: string;
  scenario: string;
  check: (value: (target: TargetKey, key: string) => number | null) => { measured: string; met: boolean | null };
}

const DESIGN_TARGETS: DesignTarget[] = [
  {
    name: "fan-out p99 no worse than the reference (while storing durably)",
    scenario: "fanout",
    check: (value) => {
      const own = value("modelmap", "p99");
      const reference = value("reference", "p99");
      return { measured: `${format(own, 2)} ms vs ${format(reference, 2)} ms`, met: own === null || reference === null ? null : own <= reference };
    },
  },
  {
    name: "≥ 1.5× the reference's highest rate before p99 passes 100 ms",
    scenario: "ramp",
    check: (value) => {
      const own = value("modelmap", "highestRate");
      const reference = value("reference", "highestRate");
      // When the reference held no step at all there is nothing to be 1.5× of.
      return { measured: `${format(own, 0)}/s vs ${format(reference, 0)}/s`, met: own === null || !reference ? null : own >= 1.5 * reference };
    },
  },
  {
    name: "half the reference's memory per loaded room (RSS after GC, less young generation)",
    scenario: "rooms",
    check: (value) => {
      const own = value("modelmap", "rssPerRoomKb");
      const reference = value("reference", "rssPerRoomKb");
      return { measured: `${format(own, 0)} KB vs ${format(reference, 0)} KB`, met: own === null || reference === null ? null : own <= 0.5 * reference };
    },
  },
  {
    name: "join storm twice as fast as the reference",
    scenario: "storm",
    check: (value) => {
      const own = value("modelmap", "allSyncedMs");
      const reference = value("reference", "allSyncedMs");
      return { measured: `${format(own, 0)} ms vs ${format(reference, 0)} ms`, met: own === null || reference === null ? null : own <= 0.5 * reference };
    },
  },
  {
    name: "100 cursors × 20/s: p99 < 8 ms, none left behind",
    scenario: "awareness",
    check: (value) => {
      const p99 = value("modelmap", "p99");
      const leftBehind = value("modelmap", "leftBehindFraction");
      return {
        measured: `p99 ${format(p99, 2)} ms, left behind ${format(leftBehind === null ? null : leftBehind * 100, 2)}%`,
        met: p99 === null || leftBehind === null ? null : p99 < 8 && leftBehind === 0,
      };
    },
  },
];

function designSection(run: BenchRun): string[] {
  const lines = ["## DESIGN.md targets (Modelmap on SQLite)", "", "| target | measured | met |", "| --- | --- | --- |"];
  for (const target of DESIGN_TARGETS.filter((entry) => run.options.scenarios.includes(entry.scenario))) {
    const { measured, met } = target.check((key, metric) => metricValue(run, target.scenario, key, metric));
    lines.push(`| ${target.name} | ${measured} | ${met === null ? "not measured" : met ? "yes" : "**no**"} |`);
  }
  return [...lines, ""];
}

function machineSection(run: BenchRun): string[] {
  const before = run.machineBefore;
  const minutes = ((run.finishedAt.getTime() - run.startedAt.getTime()) / 60_000).toFixed(1);
  const loads = run.records.map((record) => record.loadAverage);
  return [
    "## Machine",
    "",
    `- host ${before.hostname}, ${before.cores} cores (${before.cpuModel}), ${before.memoryGb.toFixed(1)} GB, ${before.platform}`,
    `- Node ${before.node}; Modelmap from ${run.modelmapSource}`,
    `- load average before ${before.loadAverage.map((load) => load.toFixed(2)).join(" ")}, after ${run.machineAfter.loadAverage.map((load) => load.toFixed(2)).join(" ")}`,
    `- 1-minute load average at the start of each run: ${format(Math.min(...loads), 2)} to ${format(Math.max(...loads), 2)} (other work shares this machine)`,
    `- started ${run.startedAt.toISOString()}, took ${minutes} min; ${run.options.rounds} round(s) per server, interleaved${run.options.quick ? "; QUICK run (shorter, smaller)" : ""}`,
    run.options.priority ? "- `--priority`: generator and servers ran at nice -10, all alike" : "- default scheduling priority",
    "- every run is a fresh server process on a fresh port and data directory; load generator and servers share the machine",
    "",
  ];
}

/** Median p50/p99 per offered rate over rounds, per server: the chart's lines. */
export function rampSeries(run: BenchRun): { label: string; steps: RampStep[] }[] {
  return run.targets.map((target) => {
    const byRate = new Map<number, RampStep[]>();
    for (const record of run.records.filter((entry) => entry.scenario === "ramp" && entry.target === target.key)) {
      for (const step of record.result?.rampSteps ?? []) byRate.set(step.rate, [...(byRate.get(step.rate) ?? []), step]);
    }
    const steps = [...byRate.entries()]
      .sort(([a], [b]) => a - b)
      .map(([rate, samples]) => ({
        rate,
        p50: median(samples.flatMap((step) => (step.p50 === null ? [] : [step.p50]))),
        p99: median(samples.flatMap((step) => (step.p99 === null ? [] : [step.p99]))),
        deliveredFraction: median(samples.map((step) => step.deliveredFraction)) ?? 0,
        generatorCpuPercent: median(samples.map((step) => step.generatorCpuPercent)) ?? 0,
      }));
    return { label: target.label, steps };
  });
}

function rampDetail(run: BenchRun): string[] {
  const lines = ["### ramp steps (median over rounds)", "", "| server | rate/s | p50 ms | p99 ms | delivered | generator CPU |", "| --- | --- | --- | --- | --- | --- |"];
  for (const series of rampSeries(run)) {
    for (const step of series.steps) {
      lines.push(
        `| ${series.label} | ${step.rate} | ${format(step.p50, 1)} | ${format(step.p99, 1)} | ${(step.deliveredFraction * 100).toFixed(1)}% | ${step.generatorCpuPercent.toFixed(0)}% |`,
      );
    }
  }
  return [...lines, ""];
}

export function writeReport(run: BenchRun): string[] {
  const resultsDir = path.resolve(import.meta.dirname, "results");
  mkdirSync(resultsDir, { recursive: true });
  const date = run.startedAt.toISOString().slice(0, 10);
  // Quick or partial runs get their own file, so they never overwrite the day's full run.
  const suffix = run.options.partial ? `-${run.options.scenarios.join("-")}${run.options.quick ? "-quick" : ""}` : "";
  const base = `${date}-${os.hostname()}${suffix}`;
  const chartName = `${date}${suffix}-latency.svg`;
  const lines = [
    `# Modelmap server benchmark, ${date}`,
    "",
    "Medians over rounds; \"÷ ref\" is the server's figure divided by the reference y-websocket server's.",
    ...run.skipped.map((reason) => `Skipped: ${reason}.`),
    "",
    ...designSection(run),
    ...run.scenarios.flatMap((scenario) => [
      ...scenarioSection(run, scenario),
      ...(scenario.name === "ramp" ? [...rampDetail(run), `![latency against offered load](${chartName})`, ""] : []),
    ]),
    ...machineSection(run),
  ];
  const written: string[] = [];
  const markdownPath = path.join(resultsDir, `${base}.md`);
  writeFileSync(markdownPath, lines.join("\n"));
  written.push(markdownPath);
  const jsonPath = path.join(resultsDir, `${base}.json`);
  writeFileSync(jsonPath, JSON.stringify({ ...run, scenarios: run.options.scenarios }, null, 2));
  written.push(jsonPath);
  if (run.options.scenarios.includes("ramp")) {
    const chartPath = path.join(resultsDir, chartName);
    writeFileSync(chartPath, latencyChartSvg(rampSeries(run)));
    written.push(chartPath);
  }
  copyFileSync(markdownPath, path.join(resultsDir, "latest.md"));
  return written;
}
