/**
 * Turns one run of `npm run bench` into bench/results/<date>-<host>.md (+ .json with every round),
 * the ramp latency chart <date>-<host>-latency.svg, and, for a full run only, latest.md.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { latencyChartSvg } from "./chart";
import { median } from "./clients/stats";
import type { HistoryResult } from "./history-tables";
import { browserSection, browserTargetRows, type BrowserResult } from "./parts/browser";
import { historySection, historyTargetRows } from "./parts/history";
import { metCell, type PartOutcome, type TargetRow } from "./parts/outcome";
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

export type PartName = "server" | "history" | "browser";
export const ALL_PARTS: PartName[] = ["server", "history", "browser"];

export interface BenchRun {
  startedAt: Date;
  finishedAt: Date;
  machineBefore: MachineInfo;
  machineAfter: MachineInfo;
  options: {
    quick: boolean;
    rounds: number;
    priority: boolean;
    parts: PartName[];
    scenarios: string[];
    /** What makes this run less than the full default one (named in its files); empty for a full run. */
    variant: string[];
  };
  scenarios: Scenario[];
  targets: { key: TargetKey; label: string }[];
  skipped: string[];
  modelmapSource: string;
  /** The server part's runs, one per scenario, round and server. */
  records: RunRecord[];
  /** Null when the part was not asked for. */
  history: PartOutcome<HistoryResult> | null;
  browser: PartOutcome<BrowserResult> | null;
  /** Wall-clock time of each part that ran. */
  partSeconds: Partial<Record<PartName, number>>;
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
  check: (value: (target: TargetKey, key: string) => number | null) => Omit<TargetRow, "name">;
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
      const measured = `${format(own, 0)} KB vs ${format(reference, 0)} KB`;
      if (own === null || reference === null) return { measured, met: null };
      // Memory that shrank while rooms opened is noise (a busy machine, a late collection), not a result.
      if (own <= 0 || reference <= 0) return { measured, met: "no verdict: a figure ≤ 0 is noise" };
      return { measured, met: own <= 0.5 * reference };
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
  const rows: TargetRow[] = [];
  if (run.options.parts.includes("server")) {
    for (const target of DESIGN_TARGETS.filter((entry) => run.options.scenarios.includes(entry.scenario))) {
      rows.push({ name: target.name, ...target.check((key, metric) => metricValue(run, target.scenario, key, metric)) });
    }
  }
  if (run.history) rows.push(...historyTargetRows(run.history));
  if (run.browser) rows.push(...browserTargetRows(run.browser));
  return [
    "## DESIGN.md targets (Modelmap on SQLite)",
    "",
    "| target | measured | met |",
    "| --- | --- | --- |",
    ...rows.map((row) => `| ${row.name} | ${row.measured} | ${metCell(row.met)} |`),
    "",
  ];
}

const duration = (seconds: number) => (seconds < 90 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(1)} min`);

function machineSection(run: BenchRun): string[] {
  const before = run.machineBefore;
  const loads = run.records.map((record) => record.loadAverage);
  const partTimes = run.options.parts.map((part) => `${part} ${duration(run.partSeconds[part] ?? 0)}`);
  return [
    "## Machine",
    "",
    `- host ${before.hostname}, ${before.cores} cores (${before.cpuModel}), ${before.memoryGb.toFixed(1)} GB, ${before.platform}`,
    `- Node ${before.node}; Modelmap from ${run.modelmapSource}`,
    `- load average before ${before.loadAverage.map((load) => load.toFixed(2)).join(" ")}, after ${run.machineAfter.loadAverage.map((load) => load.toFixed(2)).join(" ")}`,
    ...(loads.length > 0
      ? [`- 1-minute load average at the start of each server run: ${format(Math.min(...loads), 2)} to ${format(Math.max(...loads), 2)} (other work shares this machine)`]
      : []),
    `- started ${run.startedAt.toISOString()}, took ${duration((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000)} (${partTimes.join(", ")})${run.options.quick ? "; QUICK run (shorter, smaller)" : ""}`,
    ...(run.options.parts.includes("server")
      ? [
          `- server part: ${roundsLine(run)} per server, interleaved; every run is a fresh server process on a fresh port and data directory; load generator and servers share the machine`,
          run.options.priority ? "- `--priority`: generator and servers ran at nice -10, all alike" : "- default scheduling priority",
        ]
      : []),
    "",
  ];
}

/** How many rounds each scenario ran (some ask for more than `--rounds`). */
function roundsLine(run: BenchRun): string {
  const counts = run.scenarios.map((scenario) => ({
    name: scenario.name,
    rounds: new Set(run.records.filter((record) => record.scenario === scenario.name).map((record) => record.round)).size,
  }));
  const usual = run.options.rounds;
  const more = counts.filter((count) => count.rounds > usual);
  return `${usual} round(s)${more.map((count) => `, ${count.name} ${count.rounds}`).join("")}`;
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

function heading(run: BenchRun): string[] {
  const date = run.startedAt.toISOString().slice(0, 10);
  const kind = run.options.variant.length === 0 ? "full run" : `partial run (${run.options.variant.join(", ")}), not a full run`;
  return [
    `# Modelmap benchmark, ${date}, ${run.machineBefore.hostname}`,
    "",
    `Parts: ${run.options.parts.join(", ")}; ${kind}. Made by \`npm run bench\` (see [bench/README.md](../README.md)).`,
    ...(run.options.parts.includes("server")
      ? ["Server figures are medians over rounds; \"÷ ref\" is the server's figure divided by the reference y-websocket server's."]
      : []),
    ...run.skipped.map((reason) => `Skipped: ${reason}.`),
    "",
  ];
}

export interface VariantInput {
  parts: PartName[];
  /** The scenarios asked for, and all there are. */
  scenarios: string[];
  allScenarios: string[];
  /** The servers asked for with `--servers`; null for all of them. */
  servers: string[] | null;
  customHistorySizes: boolean;
  customBrowserSizes: boolean;
  profile: boolean;
  quick: boolean;
  /** `--no-pg`: Modelmap on PostgreSQL + Redis left out even if they answer. */
  noPg: boolean;
}

/**
 * What makes a run less than the full default one, in the words its file names use; empty for a
 * full run. The number of rounds or browser runs does not count: more of them is still a full run.
 */
export function runVariant(input: VariantInput): string[] {
  const allParts = ALL_PARTS.every((part) => input.parts.includes(part));
  const allScenarios = input.allScenarios.every((name) => input.scenarios.includes(name));
  const variant = allParts && allScenarios ? [] : input.parts.flatMap((part) => (part === "server" && !allScenarios ? input.scenarios : [part]));
  if (input.parts.includes("server") && input.servers) variant.push(...input.servers);
  else if (input.parts.includes("server") && input.noPg) variant.push("no-pg");
  if (input.parts.includes("history") && input.customHistorySizes && !input.quick) variant.push("history-sizes");
  if (input.parts.includes("browser") && input.customBrowserSizes && !input.quick) variant.push("browser-sizes");
  if (input.profile) variant.push("profile");
  if (input.quick) variant.push("quick");
  return variant;
}

export function writeReport(run: BenchRun, resultsDir = path.resolve(import.meta.dirname, "results")): string[] {
  mkdirSync(resultsDir, { recursive: true });
  const date = run.startedAt.toISOString().slice(0, 10);
  // Quick or partial runs name what they are, so they never overwrite the day's full run.
  const variant = run.options.variant.length > 0 ? `-${run.options.variant.join("-")}` : "";
  const base = `${date}-${run.machineBefore.hostname}${variant}`;
  const chartName = `${base}-latency.svg`;
  const serverRan = run.options.parts.includes("server");
  const lines = [
    ...heading(run),
    ...designSection(run),
    ...(serverRan
      ? run.scenarios.flatMap((scenario) => [
          ...scenarioSection(run, scenario),
          ...(scenario.name === "ramp" ? [...rampDetail(run), `![latency against offered load](${chartName})`, ""] : []),
        ])
      : []),
    ...(run.history ? historySection(run.history) : []),
    ...(run.browser ? browserSection(run.browser) : []),
    ...machineSection(run),
  ];
  const written: string[] = [];
  const markdownPath = path.join(resultsDir, `${base}.md`);
  writeFileSync(markdownPath, lines.join("\n"));
  written.push(markdownPath);
  const jsonPath = path.join(resultsDir, `${base}.json`);
  writeFileSync(jsonPath, JSON.stringify({ ...run, scenarios: run.options.scenarios }, null, 2));
  written.push(jsonPath);
  if (serverRan && run.options.scenarios.includes("ramp")) {
    const chartPath = path.join(resultsDir, chartName);
    writeFileSync(chartPath, latencyChartSvg(rampSeries(run)));
    written.push(chartPath);
  }
  if (run.options.variant.length === 0) {
    const latestPath = path.join(resultsDir, "latest.md");
    copyFileSync(markdownPath, latestPath);
    written.push(latestPath);
  }
  return written;
}
