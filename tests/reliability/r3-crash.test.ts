import { describe, expect, it } from "vitest";
import {
  connectClient,
  createBoard,
  sleep,
  startChildServer,
  tempDir,
  waitFor,
  waitForSync,
  type ChildServer,
  type CreatedBoard,
  type TestClient,
} from "../helpers/server";
import { scaled, scaledTimeout, seededRandom } from "./core-harness";

/*
 * R3: kill -9 at random moments under load, then SIGTERM cycles, all on one data directory.
 * Every key an observer (a view client) ever received must be in storage after each restart:
 * the observer only receives what the server relayed, and S4 relays only what is stored.
 */

const KILL_CYCLES = Math.max(3, scaled(2, 20));
const SIGTERM_CYCLES = Math.max(2, scaled(0.5, 5));
const BOARDS = 2;
/**
 * Each writer sends one transaction of KEYS_PER_FRAME keys every PUMP_INTERVAL_MS: at most 200
 * frames a second, a third of S15's flood limit. A writer past 600 frames a second is closed
 * and ignored, so its stream would stop and later signals would meet an idle server.
 */
const PUMP_INTERVAL_MS = 5;
const KEYS_PER_FRAME = 3;
/** Keys each board's observer must have received in a cycle before the signal. */
const MIN_SEEN_PER_BOARD = 15;
/** The negative control's relay-to-store delay: longer than any stall of the test process. */
const UNSAFE_RELAY_BEFORE_STORE_MS = "5000";

interface Cycle {
  signal: "SIGKILL" | "SIGTERM";
  /** How long the load runs before the signal. */
  runMs: number;
}

interface Outcome {
  seen: number;
  lost: string[];
  exitCodes: (number | null)[];
  /** Writers closed before their cycle's signal (they would have stopped streaming). */
  writersCutOff: number;
}

/** Keys a fresh client finds on each board (read from the server's storage only). */
async function storedKeys(server: ChildServer, boards: CreatedBoard[]): Promise<Set<string>> {
  const found = new Set<string>();
  const wsBase = `ws://127.0.0.1:${server.port}/collab`;
  for (const board of boards) {
    const fresh = connectClient(wsBase, board.id, board.viewToken, "Checker");
    await waitForSync(fresh, 30_000);
    for (const key of fresh.doc.getMap("stream").keys()) found.add(`${board.id}/${key}`);
    fresh.destroy();
  }
  return found;
}

/** Runs load cycles ended by signals on one data directory; returns what observers saw and storage lost. */
async function runCycles(cycles: Cycle[], env: Record<string, string> = {}): Promise<Outcome> {
  const { dir, remove } = tempDir("modelmap-r3-");
  const seen = new Set<string>();
  const exitCodes: (number | null)[] = [];
  const lost = new Set<string>();
  let writersCutOff = 0;
  let server: ChildServer | null = await startChildServer(dir, env);
  try {
    const boards: CreatedBoard[] = [];
    for (let i = 0; i < BOARDS; i++) boards.push(await createBoard(server.url));
    for (const [index, cycle] of cycles.entries()) {
      const wsBase = `ws://127.0.0.1:${server.port}/collab`;
      const observers: TestClient[] = [];
      const writers: TestClient[] = [];
      const seenThisCycle = new Map<string, number>();
      for (const board of boards) {
        const observer = connectClient(wsBase, board.id, board.viewToken, "Observer");
        observer.doc.getMap("stream").observe((event) => {
          for (const key of event.keysChanged) seen.add(`${board.id}/${key}`);
          seenThisCycle.set(board.id, (seenThisCycle.get(board.id) ?? 0) + event.keysChanged.size);
        });
        observers.push(observer);
        writers.push(connectClient(wsBase, board.id, board.editToken, "W1"), connectClient(wsBase, board.id, board.editToken, "W2"));
      }
      await Promise.all([...observers, ...writers].map((client) => waitForSync(client, 30_000)));
      let counter = 0;
      const pump = setInterval(() => {
        for (const writer of writers) {
          writer.doc.transact(() => {
            for (let i = 0; i < KEYS_PER_FRAME; i++) writer.doc.getMap("stream").set(`c${index}-${writer.doc.clientID}-${counter++}`, counter);
          });
        }
      }, PUMP_INTERVAL_MS);
      await sleep(cycle.runMs);
      await waitFor(() => boards.every((board) => (seenThisCycle.get(board.id) ?? 0) >= MIN_SEEN_PER_BOARD), 60_000, "the observers to receive the streams");
      writersCutOff += writers.filter((writer) => writer.closes.length > 0).length;
      const closesBefore = observers.map((observer) => observer.closes.length);
      server.child.kill(cycle.signal);
      clearInterval(pump);
      exitCodes.push(await server.exited);
      // Writers must not resend what they hold: only the server's own storage counts.
      for (const writer of writers) writer.destroy();
      // Everything the server sent before it stopped counts: observers read their sockets to the end.
      await waitFor(() => observers.every((observer, i) => observer.closes.length > (closesBefore[i] ?? 0)), 30_000, "the observers to see the server stop");
      for (const observer of observers) observer.destroy();
      server = await startChildServer(dir, {});
      const stored = await storedKeys(server, boards);
      for (const key of seen) if (!stored.has(key)) lost.add(key);
    }
    return { seen: seen.size, lost: [...lost], exitCodes, writersCutOff };
  } finally {
    server?.child.kill("SIGKILL");
    if (server) await server.exited;
    remove();
  }
}

function randomCycles(seed: number): Cycle[] {
  const random = seededRandom(seed);
  const kills = Array.from({ length: KILL_CYCLES }, () => ({ signal: "SIGKILL" as const, runMs: 250 + Math.floor(random() * 1000) }));
  const terms = Array.from({ length: SIGTERM_CYCLES }, () => ({ signal: "SIGTERM" as const, runMs: 250 + Math.floor(random() * 600) }));
  return [...kills, ...terms];
}

describe("R3: crash durability (child-process server)", () => {
  it(`${KILL_CYCLES} kill -9 and ${SIGTERM_CYCLES} SIGTERM cycles under load lose no update any client saw`, { timeout: scaledTimeout(15 * 60_000) }, async () => {
    // A new schedule each run (more moments covered over time); the seed is in any failure.
    const seed = Date.now() % 100_000;
    const outcome = await runCycles(randomCycles(seed));
    expect(outcome.writersCutOff).toBe(0);
    expect(outcome.seen).toBeGreaterThan(20 * (KILL_CYCLES + SIGTERM_CYCLES));
    expect(outcome.lost, `schedule seed ${seed}`).toEqual([]);
    // S13: every SIGTERM cycle exits 0 (a SIGKILLed child reports null).
    expect(outcome.exitCodes.slice(KILL_CYCLES)).toEqual(Array(SIGTERM_CYCLES).fill(0));
  });

  it("negative control: a server that relays before storing loses updates clients saw, and the cycle detects it", { timeout: 5 * 60_000 }, async () => {
    const outcome = await runCycles([{ signal: "SIGKILL", runMs: 800 }], { MODELMAP_UNSAFE_RELAY_BEFORE_STORE_MS: UNSAFE_RELAY_BEFORE_STORE_MS });
    expect(outcome.writersCutOff).toBe(0);
    expect(outcome.seen).toBeGreaterThan(20);
    expect(outcome.lost.length).toBeGreaterThan(0);
  });
});
