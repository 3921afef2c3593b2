import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { startServer, type RunningServer } from "../../server/app";
import { parseConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { childEntryArguments } from "./child-entry";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

export function tempDir(prefix = "modelmap-test-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer extends RunningServer {
  dataDir: string;
  wsBase: string;
}

/** The real server in-process on port 0 (API + websocket, no pages), with SQLite in `dataDir`. */
export async function startTestServer(
  options: { dataDir?: string; env?: Record<string, string>; idleUnloadMs?: number; maxBufferedBytes?: number } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir().dir;
  const config = parseConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...options.env });
  const server = await startServer({
    config,
    ui: "off",
    logger: createLogger("silent"),
    idleUnloadMs: options.idleUnloadMs ?? 200,
    maxBufferedBytes: options.maxBufferedBytes,
  });
  return { ...server, dataDir, wsBase: `ws://127.0.0.1:${server.port}/collab` };
}

export interface CreatedBoard {
  id: string;
  title: string;
  editToken: string;
  viewToken: string;
  editUrl: string;
  viewUrl: string;
}

export async function createBoard(baseUrl: string, body: Record<string, unknown> = {}): Promise<CreatedBoard> {
  const response = await fetch(`${baseUrl}/api/boards`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`creating a board answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as CreatedBoard;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** The stock y-websocket client, unchanged, over a real socket. */
export function connectClient(wsBase: string, boardId: string, token: string, name = "tester"): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  provider.awareness.setLocalStateField("user", { name, color: "#2563eb" });
  const closes: { code: number; reason: string }[] = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(10);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function waitForSync(client: TestClient, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => client.provider.synced, timeoutMs, "sync");
}

/** The nice value the kernel reports for one of this process's threads (Linux: field 19 of its stat). */
export function threadNiceness(threadId: number): number {
  const stat = readFileSync(`/proc/self/task/${threadId}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ChildServer {
  child: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The real server as a child process (for kill -9 and SIGTERM), API and websocket only. Under
 * vitest it runs the bundle that tests/helpers/server-bundle.ts compiled once.
 */
export async function startChildServer(dataDir: string, env: Record<string, string> = {}, port = 0): Promise<ChildServer> {
  const child = spawn(process.execPath, [...childEntryArguments("server/main.ts"), "--no-ui"], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 90 s: ${output}`)), 90_000);
    const onData = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    // The signal names who ended a child that died before listening (code is null then).
    void exited.then((code) => reject(new Error(`server exited with ${code ?? child.signalCode}: ${output}`)));
  });
  return { child, url, port: Number(new URL(url).port), output: () => output, exited };
}
