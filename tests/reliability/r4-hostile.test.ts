import { connect } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBoard } from "../../lib/board/schema";
import { CloseCode } from "../../server/collab/closeCodes";
import { connectClient, createBoard, sleep, startTestServer, waitFor, waitForSync, type CreatedBoard, type TestServer } from "../helpers/server";
import { scaled, scaledTimeout, seededRandom } from "./core-harness";
import { craftedCorpus, hostileFrame } from "./hostile-frames";

/*
 * R4: hostile input. A barrage of crafted, random and mutated frames at one board while a
 * bystander board streams timestamped edits: the process stays up, the bystander's p99
 * latency stays under 250 ms (a reliability bound, not a speed target) and the heap stays
 * bounded. 20,000 frames is the DESIGN figure (RELIABILITY_SCALE=10).
 */

const FRAMES = scaled(2000, 40_000);
const P99_BOUND_MS = 250;
const HEAP_GROWTH_BOUND = 64 * 1024 * 1024;
const MAX_MESSAGE_BYTES = 256 * 1024;

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } });
});

afterAll(async () => {
  await server.close();
});

function openSocket(board: CreatedBoard): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsBase}/${board.id}?token=${board.editToken}`);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** A bystander board: one writer stamps edits every 20 ms, one reader records their latency. */
async function startBystander(): Promise<{ stop: () => Promise<number[]> }> {
  const board = await createBoard(server.url, { title: "Bystander" });
  const writer = connectClient(server.wsBase, board.id, board.editToken, "Writer");
  const reader = connectClient(server.wsBase, board.id, board.viewToken, "Reader");
  await Promise.all([waitForSync(writer), waitForSync(reader)]);
  const latencies: number[] = [];
  reader.doc.getMap("probe").observe((event) => {
    for (const key of event.keysChanged) latencies.push(performance.now() - Number(reader.doc.getMap("probe").get(key)));
  });
  let n = 0;
  const pump = setInterval(() => writer.doc.getMap("probe").set(`p${n++}`, performance.now()), 20);
  return {
    async stop() {
      clearInterval(pump);
      await waitFor(() => reader.doc.getMap("probe").size === n, 15_000, "bystander catch-up");
      expect(readBoard(reader.doc)).toEqual(readBoard(writer.doc));
      writer.destroy();
      reader.destroy();
      return latencies;
    },
  };
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.POSITIVE_INFINITY;
}

/** Sends `frames` hostile frames over as many sockets as it takes; returns the close codes seen. */
async function barrage(target: CreatedBoard, frames: Uint8Array[]): Promise<Map<number, number>> {
  const codes = new Map<number, number>();
  let socket = await openSocket(target);
  const track = (s: WebSocket) => s.once("close", (code: number) => codes.set(code, (codes.get(code) ?? 0) + 1));
  track(socket);
  for (const [index, frame] of frames.entries()) {
    if (socket.readyState !== WebSocket.OPEN) {
      socket = await openSocket(target);
      track(socket);
    }
    socket.send(frame);
    // Malformed frames close the socket; give the close a moment to arrive before the next one
    // (this also keeps the attacker, which shares the process, from starving the server).
    if (index % 2 === 0) await sleep(1);
  }
  socket.close();
  await sleep(200);
  return codes;
}

function barrageFrames(count: number, seed: number): Uint8Array[] {
  const random = seededRandom(seed);
  const corpus = craftedCorpus().map((entry) => entry.frame);
  return [...corpus, ...Array.from({ length: count }, (_, i) => hostileFrame(random, i)), ...corpus];
}

describe("R4: hostile input", () => {
  it(`${FRAMES} mutated, random and crafted frames: process alive, bystander p99 < ${P99_BOUND_MS} ms, heap bounded`, { timeout: scaledTimeout(10 * 60_000) }, async () => {
    const target = await createBoard(server.url, { title: "Target" });
    await barrage(target, barrageFrames(200, 1)); // warm-up: code paths compiled, room loaded
    const heapBefore = heapUsed();
    const bystander = await startBystander();
    const codes = await barrage(target, barrageFrames(FRAMES, 2));
    const latencies = await bystander.stop();
    const heapGrowth = heapUsed() - heapBefore;
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(codes.get(CloseCode.MalformedMessage) ?? 0).toBeGreaterThan(FRAMES / 10);
    expect(latencies.length).toBeGreaterThan(20);
    console.info(`R4: ${FRAMES} frames; bystander p99 ${p99(latencies).toFixed(1)} ms over ${latencies.length} edits; heap growth ${(heapGrowth / 1048576).toFixed(1)} MiB`);
    expect(p99(latencies)).toBeLessThan(P99_BOUND_MS);
    expect(heapGrowth).toBeLessThan(HEAP_GROWTH_BOUND);
    // The attacked board itself still serves a stock client.
    const after = connectClient(server.wsBase, target.id, target.viewToken);
    await waitForSync(after);
    expect(after.doc.getMap("initiatives").size).toBeGreaterThan(0);
    after.destroy();
  });

  it("each crafted frame closes or is ignored, never more; a frame over the limit closes with 1009", async () => {
    const target = await createBoard(server.url);
    for (const { name, frame } of [...craftedCorpus(), { name: "oversized frame", frame: new Uint8Array(MAX_MESSAGE_BYTES + 1) }]) {
      const socket = await openSocket(target);
      const closed = new Promise<number>((resolve) => socket.once("close", (code: number) => resolve(code)));
      socket.send(frame);
      // A frame that must close is waited for as long as it takes (on a loaded machine the close
      // can take longer than the 300 ms after which any other frame counts as ignored).
      const mustClose = name === "oversized frame";
      const code = await Promise.race([closed, sleep(mustClose ? 60_000 : 300).then(() => null)]);
      if (code === null) socket.close();
      const allowed = mustClose ? [CloseCode.FrameTooLarge] : [null, CloseCode.MalformedMessage, CloseCode.MessageTooLarge];
      expect(allowed, name).toContain(code);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("an upgrade request with 3,000 headers is refused without harming the process", async () => {
    const board = await createBoard(server.url);
    const headers = Array.from({ length: 3000 }, (_, i) => `X-Pad-${i}: ${"v".repeat(20)}`).join("\r\n");
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(
          `GET /collab/${board.id}?token=${board.editToken} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${headers}\r\n\r\n`,
        );
      });
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", () => resolve(text));
    });
    expect(answer).not.toContain("101 Switching Protocols");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("negative control: a room that stalls the event loop and leaks on every stored update trips both probes", { timeout: 5 * 60_000 }, async () => {
    const target = await createBoard(server.url, { title: "Broken" });
    const retained: number[][] = [];
    const { hooks } = server.registry;
    const realAfterStore = hooks.afterStore;
    hooks.afterStore = async (event) => {
      await realAfterStore?.(event);
      if (event.room.boardId !== target.id) return;
      // The bug: 8 MiB kept per stored update and the event loop blocked for 300 ms.
      for (let i = 0; i < 1024; i++) retained.push(Array.from({ length: 1024 }, (_, n) => n + 0.5));
      const until = performance.now() + 300;
      while (performance.now() < until);
    };
    try {
      const heapBefore = heapUsed();
      const bystander = await startBystander();
      await barrage(target, barrageFrames(200, 3));
      const editor = connectClient(server.wsBase, target.id, target.editToken, "Editor");
      await waitForSync(editor);
      for (let i = 0; i < 12; i++) {
        editor.doc.getMap("notes").set(`n${i}`, i);
        await sleep(100);
      }
      editor.destroy();
      const latencies = await bystander.stop();
      expect(p99(latencies)).toBeGreaterThan(P99_BOUND_MS);
      expect(heapUsed() - heapBefore).toBeGreaterThan(HEAP_GROWTH_BOUND);
    } finally {
      hooks.afterStore = realAfterStore;
      retained.length = 0;
    }
  });
});
