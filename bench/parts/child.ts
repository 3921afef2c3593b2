/**
 * The history and browser parts run as child processes (a fresh heap each, and the browser part
 * owns Chromium and servers of its own). Each runs in a process group of its own, so stopping the
 * benchmark stops everything it started: the group gets SIGTERM, and the child's own handler
 * removes its temporary directories.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
}

const running = new Set<ChildProcess>();

export function runChild(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<ChildOutcome> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: "inherit", detached: true });
  running.add(child);
  return new Promise((resolve, reject) => {
    child.once("error", (error) => {
      running.delete(child);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** A tsx script run by this Node, the way the servers under test are started. */
export function runTsxScript(script: string, args: readonly string[], cwd: string): Promise<ChildOutcome> {
  return runChild(process.execPath, ["--import", "tsx", script, ...args], cwd);
}

/** SIGTERM to every running child's group; resolves when they have exited (SIGKILL after 20 s). */
export async function stopChildren(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          const pid = child.pid;
          if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            killGroup(pid, "SIGKILL");
            resolve();
          }, 20_000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          killGroup(pid, "SIGTERM");
        }),
    ),
  );
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

export function describeExit(outcome: ChildOutcome): string {
  return outcome.signal ? `stopped by ${outcome.signal}` : `exited with code ${outcome.code}`;
}
