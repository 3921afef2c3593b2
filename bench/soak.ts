/**
 * `npm run soak -- --minutes N [--restart-minutes M] [--clients C]`: steady mixed load on a
 * child-process server (edits, cursors, clients leaving and joining) with a graceful restart
 * every M minutes, sampling the server's RSS and heap from /metrics every few seconds.
 * Writes bench/results/soak-<date>.svg (memory over time) and soak-<date>.md (growth per hour
 * in the first and second half of each server lifetime). Exits 1 when growth does not flatten.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectClient, createBoard, sleep, startChildServer, tempDir, type ChildServer, type CreatedBoard, type TestClient } from "../tests/helpers/server";

interface Sample {
  minutes: number;
  rssMiB: number;
  heapMiB: number;
  /** The history indexing worker thread's heap (part of the RSS, not of `heapMiB`). */
  workerHeapMiB: number;
  lifetime: number;
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} expects a positive number`);
  return value;
}

const MINUTES = argument("minutes", 10);
const RESTART_MINUTES = argument("restart-minutes", Math.max(1, MINUTES / 3));
const CLIENTS = argument("clients", 30);
const BOARDS = 6;
const SAMPLE_MS = 5_000;

async function memoryOf(server: ChildServer): Promise<{ rss: number; heap: number; workerHeap: number } | null> {
  try {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
    return {
      rss: value("process_resident_memory_bytes"),
      heap: value("nodejs_heap_used_bytes"),
      workerHeap: value("modelmap_history_index_worker_heap_bytes") || 0,
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
  const boards: CreatedBoard[] = [];
  for (let i = 0; i < BOARDS; i++) boards.push(await createBoard(server.url, { title: `Soak ${i}` }));
  const wsBase = `ws://127.0.0.1:${port}/collab`;
  let joined = 0;
  const join = (): TestClient => {
    const board = boards[joined % BOARDS]!;
    const name = `Soak${joined++}`;
    return connectClient(wsBase, board.id, board.editToken, name);
  };
  const clients: TestClient[] = Array.from({ length: CLIENTS }, join);
  const started = performance.now();
  const minutes = () => (performance.now() - started) / 60_000;
  let tick = 0;
  // Steady mixed load: every 200 ms a fifth of the clients edit and move their cursor.
  const load = setInterval(() => {
    tick += 1;
    clients.forEach((client, i) => {
      if ((i + tick) % 5 !== 0) return;
      const notes = client.doc.getMap("soak");
      notes.set(`k${(tick * 31 + i) % 500}`, `${tick}`);
      client.provider.awareness.setLocalStateField("cursor", { x: tick % 1000, y: i });
    });
  }, 200);
  // Churn: one client leaves and a new one joins every 2 s.
  const churn = setInterval(() => {
    clients.shift()?.destroy();
    clients.push(join());
  }, 2_000);

  const samples: Sample[] = [];
  const restarts: number[] = [];
  let lifetime = 0;
  let nextRestart = RESTART_MINUTES;
  while (minutes() < MINUTES) {
    await sleep(SAMPLE_MS);
    const memory = await memoryOf(server);
    if (memory) {
      samples.push({ minutes: minutes(), rssMiB: memory.rss / 1048576, heapMiB: memory.heap / 1048576, workerHeapMiB: memory.workerHeap / 1048576, lifetime });
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
  for (const client of clients) client.destroy();
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
    rows.push(`| ${l + 1} | ${life.length} | ${last?.rssMiB.toFixed(1) ?? "-"} | ${last?.heapMiB.toFixed(1) ?? "-"} | ${last?.workerHeapMiB.toFixed(1) ?? "-"} | ${first.toFixed(1)} | ${second.toFixed(1)} | ${heapSecond.toFixed(1)} | ${judged ? (flat ? "yes" : "NO") : "too short to judge"} |`);
  }
  const date = new Date().toISOString().slice(0, 10);
  const results = path.resolve(import.meta.dirname, "results");
  mkdirSync(results, { recursive: true });
  writeFileSync(path.join(results, `soak-${date}.svg`), chartSvg(samples, restarts));
  const summary = `# Soak ${date}

${MINUTES} minutes, ${CLIENTS} clients on ${BOARDS} boards (a fifth edit and move a cursor every 200 ms; one leaves and one joins every 2 s), graceful restart every ${RESTART_MINUTES} minutes. Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}.

![memory over time](soak-${date}.svg)

| lifetime | samples | last RSS MiB | last heap MiB | last indexing worker heap MiB | RSS growth MiB/h, first half | RSS growth MiB/h, second half | heap growth MiB/h, second half | flattens |
|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

Verdict: ${flattens ? "growth flattens in every lifetime" : "growth does NOT flatten"}. Reproduce: \`npm run soak -- --minutes ${MINUTES} --restart-minutes ${RESTART_MINUTES} --clients ${CLIENTS}\`.
`;
  writeFileSync(path.join(results, `soak-${date}.md`), summary);
  console.log(summary);
  process.exit(flattens ? 0 : 1);
}

await main();
