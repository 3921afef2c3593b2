/**
 * Starts one server as its own Node process, waits until it says it is listening, reads its CPU
 * time and resident memory from /proc, and stops it with SIGTERM (so `--cpu-prof` profiles get
 * written).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const CLOCK_TICKS_PER_SECOND = 100;

export interface ServerProcess {
  pid: number;
  /** User + system CPU seconds so far. */
  cpuSeconds(): number;
  rssBytes(): number;
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
  const nodeArgs = [...(options.nodeOptions ?? []), "--import", "tsx", options.script, ...(options.args ?? [])];
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
    async stop() {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 12_000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    },
  };
}
