/**
 * `npm run soak -- --minutes N [--restart-minutes M] [--clients C] [--rotate-minutes R]`: steady
 * mixed load on a child-process server (edits, cursors, clients leaving and joining, meetings
 * ending on one board and starting on a new one every R minutes) with a graceful restart every M
 * minutes, sampling the server's RSS and heap from /metrics every few seconds.
 *
 * Why boards rotate: a Yjs document keeps a struct for every edit it ever took (an overwritten
 * value leaves a stub), so a board that is edited without end grows without end, in memory as on
 * disk. That is the user's data, not a leak; a soak that edited the same boards for an hour would
 * only measure it. With rotation the data held live stays bounded, as on a real server where
 * sessions end and idle boards are unloaded, so growth that remains is the server's own. The
 * structs held live are sampled too (`modelmap_document_structs`); `--rotate-minutes 0` turns
 * rotation off to watch the per-edit growth instead.
 * Writes bench/results/soak-<date>-<N>min.svg (memory over time) and .md (growth per hour in the
 * first and second half of each server lifetime). Exits 1 when growth does not flatten.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectClient, createBoard, sleep, startChildServer, tempDir, type ChildServer, type CreatedBoard, type TestClient } from "../tests/helpers/server";

interface Sample {
  minutes: number;
  rssMiB: number;
  heapMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  /** Yjs structs held by the server's live documents. */
  structs: number;
  /** The history indexing worker thread's heap (part of the RSS, not of `heapMiB`). */
  workerHeapMiB: number;
  lifetime: number;
}

function argument(name: string, fallback: number, allowZero = false): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero)) {
    throw new Error(`--${name} expects a ${allowZero ? "non-negative" : "positive"} number`);
  }
  return value;
}

const MINUTES = argument("minutes", 10);
const RESTART_MINUTES = argument("restart-minutes", Math.max(1, MINUTES / 3));
const CLIENTS = argument("clients", 30);
const ROTATE_MINUTES = argument("rotate-minutes", 2, true);
const BOARDS = 6;
const SAMPLE_MS = 5_000;

interface Memory {
  rss: number;
  heap: number;
  heapTotal: number;
  external: number;
  workerHeap: number;
  structs: number;
}

async function memoryOf(server: ChildServer): Promise<Memory | null> {
  try {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
    return {
      rss: value("process_resident_memory_bytes"),
      heap: value("nodejs_heap_used_bytes"),
      heapTotal: value("nodejs_heap_total_bytes"),
      external: value("nodejs_external_memory_bytes"),
      workerHeap: value("modelmap_history_index_worker_heap_bytes") || 0,
      structs: value("modelmap_document_structs"),
    };
  } catch {
    return null;
  }
}

/** Least-squares slope of MiB against minutes, as MiB per hour. */
function growthPerHour(samples: Sample[], pick: (s: Sample) => number): number {
  if (samples.length < 3) return 0;
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.minutes, 0) / n;
  const my = samples.reduce((a, s) => a + pick(s), 0) / n;
  const num = samples.reduce((a, s) => a + (s.minutes - mx) * (pick(s) - my), 0);
  const den = samples.reduce((a, s) => a + (s.minutes - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

function chartSvg(samples: Sample[], restarts: number[]): string {
  const width = 760;
  const height = 320;
  const pad = { left: 56, right: 16, top: 28, bottom: 40 };
  const maxX = Math.max(MINUTES, ...samples.map((s) => s.minutes));
  const maxY = Math.max(1, ...samples.map((s) => Math.max(s.rssMiB, s.heapMiB))) * 1.1;
  const x = (m: number) => pad.left + (m / maxX) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / maxY) * (height - pad.top - pad.bottom);
  const line = (pick: (s: Sample) => number, color: string) =>
    [...new Set(samples.map((s) => s.lifetime))]
      .map((lifetime) => {
        const points = samples.filter((s) => s.lifetime === lifetime).map((s) => `${x(s.minutes).toFixed(1)},${y(pick(s)).toFixed(1)}`);
        return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(" ")}"/>`;
      })
      .join("");
  const ticks = Array.from({ length: 5 }, (_, i) => (maxY / 4) * i)
    .map((v) => `<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v.toFixed(0)}</text><line x1="${pad.left}" x2="${width - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`)
    .join("");
  const step = maxX > 60 ? 10 : maxX > 20 ? 5 : maxX > 6 ? 2 : 1;
  const minuteTicks = Array.from({ length: Math.floor(maxX / step) + 1 }, (_, i) => i * step)
    .map((m) => `<text x="${x(m)}" y="${height - pad.bottom + 14}" text-anchor="middle" font-size="11">${m}</text>`)
    .join("");
  const markers = restarts.map((m) => `<line x1="${x(m)}" x2="${x(m)}" y1="${pad.top}" y2="${height - pad.bottom}" stroke="#9ca3af" stroke-dasharray="4 3"/>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${pad.left}" y="18" font-size="13">Soak: server memory (MiB) over ${maxX.toFixed(0)} minutes; dashed lines are restarts</text>
${ticks}${minuteTicks}${markers}${line((s) => s.rssMiB, "#2563eb")}${line((s) => s.heapMiB, "#f59e0b")}${line((s) => s.workerHeapMiB, "#16a34a")}
<text x="${width / 2}" y="${height - 8}" text-anchor="middle" font-size="11">minutes</text>
<text x="${width - 250}" y="${pad.top + 14}" font-size="11" fill="#2563eb">RSS</text><text x="${width - 215}" y="${pad.top + 14}" font-size="11" fill="#f59e0b">heap used</text><text x="${width - 150}" y="${pad.top + 14}" font-size="11" fill="#16a34a">indexing worker heap</text>
</svg>
`;
}

async function main(): Promise<void> {
  // Each stock provider adds a process "exit" listener; the churn makes many, on purpose.
  process.setMaxListeners(0);
  const data = tempDir("modelmap-soak-");
  let server = await startChildServer(data.dir);
  const port = server.port;
  let created = 0;
  const newBoard = () => createBoard(server.url, { title: `Soak ${created++}` });
  /** The boards in session now, oldest first. */
  const boards: CreatedBoard[] = [];
  for (let i = 0; i < BOARDS; i++) boards.push(await newBoard());
  const wsBase = `ws://127.0.0.1:${port}/collab`;
  let joined = 0;
  const join = (board = boards[joined % BOARDS]!): { client: TestClient; board: CreatedBoard } => {
    const name = `Soak${joined++}`;
    return { client: connectClient(wsBase, board.id, board.editToken, name), board };
  };
  let clients = Array.from({ length: CLIENTS }, () => join());
  const started = performance.now();
  const minutes = () => (performance.now() - started) / 60_000;
  let tick = 0;
  // Steady mixed load: every 200 ms a fifth of the clients edit and move their cursor.
  const load = setInterval(() => {
    tick += 1;
    clients.forEach(({ client }, i) => {
      if ((i + tick) % 5 !== 0) return;
      const notes = client.doc.getMap("soak");
      notes.set(`k${(tick * 31 + i) % 500}`, `${tick}`);
      client.provider.awareness.setLocalStateField("cursor", { x: tick % 1000, y: i });
    });
  }, 200);
  // Churn: one client leaves and a new one joins every 2 s.
  const churn = setInterval(() => {
    clients.shift()?.client.destroy();
    clients.push(join());
  }, 2_000);
  // Rotation: the longest session ends (its board goes idle and is unloaded) and its people
  // meet on a new board.
  let rotating = false;
  const rotate = async () => {
    if (rotating) return;
    rotating = true;
    try {
      const fresh = await newBoard();
      const ended = boards.shift()!;
      boards.push(fresh);
      clients = clients.map((entry) => {
        if (entry.board.id !== ended.id) return entry;
        entry.client.destroy();
        return join(fresh);
      });
    } catch (error) {
      // The server is restarting: this rotation is skipped.
      void error;
    } finally {
      rotating = false;
    }
  };
  const rotation = ROTATE_MINUTES > 0 ? setInterval(() => void rotate(), ROTATE_MINUTES * 60_000) : null;

  const samples: Sample[] = [];
  const restarts: number[] = [];
  let lifetime = 0;
  let nextRestart = RESTART_MINUTES;
  while (minutes() < MINUTES) {
    await sleep(SAMPLE_MS);
    const memory = await memoryOf(server);
    if (memory) {
      samples.push({
        minutes: minutes(),
        rssMiB: memory.rss / 1048576,
        heapMiB: memory.heap / 1048576,
        heapTotalMiB: memory.heapTotal / 1048576,
        externalMiB: memory.external / 1048576,
        workerHeapMiB: memory.workerHeap / 1048576,
        structs: memory.structs,
        lifetime,
      });
    }
    if (minutes() >= nextRestart && minutes() < MINUTES) {
      server.child.kill("SIGTERM");
      const code = await server.exited;
      if (code !== 0) throw new Error(`the server exited with ${code} on SIGTERM`);
      server = await startChildServer(data.dir, {}, port);
      restarts.push(minutes());
      lifetime += 1;
      nextRestart += RESTART_MINUTES;
    }
  }
  clearInterval(load);
  clearInterval(churn);
  if (rotation) clearInterval(rotation);
  for (const { client } of clients) client.destroy();
  server.child.kill("SIGTERM");
  await server.exited;
  data.remove();

  const rows: string[] = [];
  let flattens = true;
  for (let l = 0; l <= lifetime; l++) {
    const life = samples.filter((s) => s.lifetime === l);
    const half = Math.floor(life.length / 2);
    const first = growthPerHour(life.slice(0, half), (s) => s.rssMiB);
    const second = growthPerHour(life.slice(half), (s) => s.rssMiB);
    const heapSecond = growthPerHour(life.slice(half), (s) => s.heapMiB);
    // Flat enough: the second half grows less than the first, or by under 10 MiB an hour.
    // A lifetime of under a minute of samples says nothing either way.
    const judged = life.length >= 12;
    const flat = !judged || second <= Math.max(first, 10);
    flattens &&= flat;
    const last = life.at(-1);
    const structsSecond = growthPerHour(life.slice(half), (s) => s.structs / 1000);
    const workerSecond = growthPerHour(life.slice(half), (s) => s.workerHeapMiB);
    rows.push(
      `| ${l + 1} | ${life.length} | ${last?.rssMiB.toFixed(1) ?? "-"} | ${last?.heapMiB.toFixed(1) ?? "-"} / ${last?.heapTotalMiB.toFixed(1) ?? "-"} | ${last?.externalMiB.toFixed(1) ?? "-"} | ${last?.workerHeapMiB.toFixed(1) ?? "-"} | ${last ? (last.structs / 1000).toFixed(1) : "-"} | ${first.toFixed(1)} | ${second.toFixed(1)} | ${heapSecond.toFixed(1)} | ${workerSecond.toFixed(1)} | ${structsSecond.toFixed(1)} | ${judged ? (flat ? "yes" : "NO") : "too short to judge"} |`,
    );
  }
  // The length is in the name: a long soak and a short one on the same day are different results.
  const date = `${new Date().toISOString().slice(0, 10)}-${MINUTES}min`;
  const results = path.resolve(import.meta.dirname, "results");
  mkdirSync(results, { recursive: true });
  writeFileSync(path.join(results, `soak-${date}.svg`), chartSvg(samples, restarts));
  const rotationText =
    ROTATE_MINUTES > 0
      ? `every ${ROTATE_MINUTES} minutes the longest session ends, its board is left to unload, and its clients meet on a new board`
      : "no rotation: the same boards are edited throughout, so their documents grow with every edit";
  const summary = `# Soak ${date}

${MINUTES} minutes, ${CLIENTS} clients on ${BOARDS} boards at a time (a fifth edit and move a cursor every 200 ms; one leaves and one joins every 2 s; ${rotationText}), graceful restart every ${RESTART_MINUTES} minutes. Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}.

![memory over time](soak-${date}.svg)

Growth is the least-squares slope in each half of a lifetime. "Live structs" are the Yjs structs the server's awake documents hold (\`modelmap_document_structs\`): the document data itself, which grows with every edit of a board that stays in session.

| lifetime | samples | last RSS MiB | last heap used / total MiB | last external MiB | last indexing worker heap MiB | last live structs (thousands) | RSS growth MiB/h, first half | RSS growth MiB/h, second half | heap growth MiB/h, second half | worker heap growth MiB/h, second half | live structs growth, thousands/h, second half | flattens |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

Verdict: ${flattens ? "growth flattens in every lifetime" : "growth does NOT flatten"} (a lifetime flattens when its second half's RSS grows less than its first half's, or by under 10 MiB an hour). Reproduce: \`npm run soak -- --minutes ${MINUTES} --restart-minutes ${RESTART_MINUTES} --clients ${CLIENTS} --rotate-minutes ${ROTATE_MINUTES}\`.
`;
  writeFileSync(path.join(results, `soak-${date}.md`), summary);
  console.log(summary);
  process.exit(flattens ? 0 : 1);
}

await main();
