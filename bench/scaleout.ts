/**
 * Scale-out benchmark: `npx tsx bench/scaleout.ts` (needs PostgreSQL and Redis, see
 * tests/helpers/services.ts for the URLs).
 *
 * 1. Fan-out latency: one writer on process A sends 20 updates/s; five receivers on A (one
 *    process) and five on B (across processes, through the board's Redis stream) — same run,
 *    same updates, so both sides see the same load.
 * 2. Catch-up after a 2 s Redis cut: a writer on A keeps writing while the Redis connection of
 *    both processes is cut for 2 s; we measure how long after the cut ends a receiver on B
 *    holds everything written, and the worst delay of any update written during the cut.
 */
import { connectClient, createBoard, sleep, waitForSync, type TestClient } from "../tests/helpers/server";
import { startCluster } from "../tests/integration/scaleout-helpers";

const UPDATES = Number(process.env.UPDATES ?? 300);
const RATE_PER_SECOND = 20;
const RECEIVERS = 5;
const CUT_ROUNDS = Number(process.env.CUT_ROUNDS ?? 3);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2).padStart(7);
  return `n=${sorted.length} p50=${f(percentile(sorted, 50))} ms p95=${f(percentile(sorted, 95))} ms p99=${f(percentile(sorted, 99))} ms max=${f(sorted.at(-1) ?? NaN)} ms`;
}

/** Records, for every key a receiver sees, the time since the writer set it. */
function recordArrivals(receiver: TestClient, sentAt: Map<string, number>, into: number[], arrivedAt?: Map<string, number>): void {
  receiver.doc.getMap("bench").observe((event) => {
    const now = performance.now();
    for (const key of event.keysChanged) {
      const sent = sentAt.get(key);
      if (sent !== undefined) into.push(now - sent);
      arrivedAt?.set(key, now);
    }
  });
}

const cluster = await startCluster("bench", 2);
try {
  const [first, second] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
  const board = await createBoard(first.url);
  const writer = connectClient(cluster.wsBase(first), board.id, board.editToken, "writer");
  const local = Array.from({ length: RECEIVERS }, (_, i) => connectClient(cluster.wsBase(first), board.id, board.viewToken, `local${i}`));
  const remote = Array.from({ length: RECEIVERS }, (_, i) => connectClient(cluster.wsBase(second), board.id, board.viewToken, `remote${i}`));
  const everyone = [writer, ...local, ...remote];
  await Promise.all(everyone.map((c) => waitForSync(c)));

  const sentAt = new Map<string, number>();
  const oneProcess: number[] = [];
  const twoProcesses: number[] = [];
  for (const receiver of local) recordArrivals(receiver, sentAt, oneProcess);
  for (const receiver of remote) recordArrivals(receiver, sentAt, twoProcesses);
  // Warm-up: the first updates pay for JIT and connection set-up on both sides.
  for (let i = 0; i < 20; i++) {
    writer.doc.getMap("bench").set(`warm${i}`, i);
    await sleep(1000 / RATE_PER_SECOND);
  }
  await sleep(500);
  oneProcess.length = 0;
  twoProcesses.length = 0;
  for (let i = 0; i < UPDATES; i++) {
    const key = `k${i}`;
    sentAt.set(key, performance.now());
    writer.doc.getMap("bench").set(key, i);
    await sleep(1000 / RATE_PER_SECOND);
  }
  await sleep(1000);
  console.log(`fan-out, ${UPDATES} updates at ${RATE_PER_SECOND}/s, ${RECEIVERS} receivers each side (writer on process A)`);
  console.log(`  one process   (receivers on A): ${summary(oneProcess)}`);
  console.log(`  two processes (receivers on B): ${summary(twoProcesses)}`);

  const watcher = remote[0]!;
  const catchUps: number[] = [];
  const cutDelays: number[] = [];
  for (let round = 0; round < CUT_ROUNDS; round++) {
    const arrivedAt = new Map<string, number>();
    const delays: number[] = [];
    const roundSent = new Map<string, number>();
    recordArrivals(watcher, roundSent, delays, arrivedAt);
    let stop = false;
    let counter = 0;
    const pump = (async () => {
      while (!stop) {
        const key = `cut${round}-${counter++}`;
        roundSent.set(key, performance.now());
        writer.doc.getMap("bench").set(key, counter);
        await sleep(1000 / 50);
      }
    })();
    await sleep(500);
    const cutStarted = performance.now();
    cluster.redisProxy.cut();
    await sleep(2000);
    cluster.redisProxy.restore();
    const restoredAt = performance.now();
    stop = true;
    await pump;
    const writtenBeforeRestore = [...roundSent.keys()];
    const deadline = performance.now() + 15_000;
    while (writtenBeforeRestore.some((key) => !arrivedAt.has(key)) && performance.now() < deadline) await sleep(5);
    const missing = writtenBeforeRestore.filter((key) => !arrivedAt.has(key)).length;
    const lastArrival = Math.max(...writtenBeforeRestore.map((key) => arrivedAt.get(key) ?? Infinity));
    catchUps.push(Math.max(0, lastArrival - restoredAt));
    for (const [key, sent] of roundSent) if (sent >= cutStarted && sent < restoredAt && arrivedAt.has(key)) cutDelays.push(arrivedAt.get(key)! - sent);
    console.log(
      `cut ${round + 1}: ${writtenBeforeRestore.length} updates, ${missing} missing after 15 s, all on B ${(lastArrival - restoredAt).toFixed(0)} ms after Redis came back`,
    );
    await sleep(1500);
  }
  console.log(`catch-up after a 2 s Redis cut (time from the end of the cut until B held every update): ${summary(catchUps)}`);
  console.log(`delay of updates written during the cut (A to a client on B): ${summary(cutDelays)}`);
  for (const c of everyone) c.destroy();
} finally {
  await cluster.stop();
}
