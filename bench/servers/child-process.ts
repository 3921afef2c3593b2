/**
 * Starts one server as its own Node process, waits until it says it is listening, reads its CPU
 * time and resident memory from /proc, and stops it with SIGTERM (so `--cpu-prof` profiles get
 * written).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const CLOCK_TICKS_PER_SECOND = 100;
/** Loaded into every server alike: a full GC and `process.memoryUsage()` on SIGUSR2. */
const MEMORY_PROBE = path.join(import.meta.dirname, "memory-probe.ts");

/** What the memory probe prints: `process.memoryUsage()` right after a full collection. */
export interface ProbedMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Physical size of each V8 heap space (`new_space`, `old_space`, …). */
  spaces: Record<string, number>;
}

export interface ServerProcess {
  pid: number;
  /** User + system CPU seconds so far. */
  cpuSeconds(): number;
  rssBytes(): number;
  /** Runs a full garbage collection in the server, then reads its memory (the same for every server). */
  collectAndMeasure(): Promise<ProbedMemory>;
  stop(): Promise<void>;
  /** The last lines the process printed, for error messages. */
  outputTail(): string;
}

export interface SpawnOptions {
  script: string;
  args?: string[];
  env: Record<string, string>;
  cwd?: string;
  nodeOptions?: string[];
  /**
   * Started through `nice` (which execs node: the pid stays the server's, all its threads inherit)
   * in its own session, whose scheduler autogroup gets the same nice value: with autogroups on,
   * a plain nice only ranks a process within its own session.
   */
  niceness?: number;
  readyTimeoutMs?: number;
}

export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after "pid (comm) "; comm may contain spaces, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
}

export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Best effort: kernels without autogroups (or without root) keep the plain nice value. */
export function setAutogroupNiceness(pid: number, niceness: number): void {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(niceness));
  } catch {
    // no autogroup scheduling here
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const nodeArgs = [
    ...(options.nodeOptions ?? []),
    "--expose-gc",
    "--import",
    "tsx",
    "--import",
    MEMORY_PROBE,
    options.script,
    ...(options.args ?? []),
  ];
  const [command, args] =
    options.niceness === undefined ? [process.execPath, nodeArgs] : ["nice", ["-n", String(options.niceness), process.execPath, ...nodeArgs]];
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    detached: options.niceness !== undefined,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const remember = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 40) output.shift();
  };
  child.stderr?.on("data", remember);
  const probeWaiters: ((memory: ProbedMemory) => void)[] = [];
  let stdoutLine = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdoutLine += chunk.toString();
    const lines = stdoutLine.split("\n");
    stdoutLine = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith("memory-probe ")) probeWaiters.shift()?.(JSON.parse(line.slice("memory-probe ".length)) as ProbedMemory);
    }
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.script}`);
  if (options.niceness !== undefined) setAutogroupNiceness(pid, options.niceness);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.script} did not say "listening" in time:\n${output.join("")}`)),
      options.readyTimeoutMs ?? 60_000,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      remember(chunk);
      if (/listening/i.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.script} exited with ${code} before listening:\n${output.join("")}`));
    });
  });

  return {
    pid,
    cpuSeconds: () => readCpuSeconds(pid),
    rssBytes: () => readRssBytes(pid),
    outputTail: () => output.join("").slice(-4000),
    collectAndMeasure() {
      return new Promise<ProbedMemory>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the memory probe did not answer within 10 s")), 10_000);
        probeWaiters.push((memory) => {
          clearTimeout(timer);
          resolve(memory);
        });
        child.kill("SIGUSR2");
      });
    },
    async stop() {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 12_000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    },
  };
}
