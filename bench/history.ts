/**
 * History costs at 1,000 / 10,000 / 100,000 logged updates on real SQLite storage: materialise
 * a version and an arbitrary moment, diff (with authors from the log) over a short and over the
 * whole history, and restore. A seeded generator makes the same log every run.
 *
 *   npx tsx bench/history.ts [sizes…]   (writes bench/results/history-<date>.md)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { assignModel, createInitiative, createNote, deleteInitiative, setInitiativeText, updateInitiative } from "../lib/board/mutations";
import { localUserOrigin } from "../lib/board/origins";
import { initializeBoard } from "../lib/board/schema";
import { GroupCommitter } from "../server/collab/groupCommit";
import { RoomRegistry } from "../server/collab/registry";
import { CHECKPOINT_EVERY_UPDATES } from "../server/collab/room";
import { materializeAt } from "../server/history/materialize";
import { HistoryService } from "../server/history/service";
import { createLogger } from "../server/logger";
import { ServerMetrics } from "../server/metrics";
import { SqliteStorage } from "../server/storage/sqlite";
import type { NewUpdate, Storage, VersionRecord } from "../server/storage/types";

const SIZES = process.argv.slice(2).map(Number).filter((size) => size > 0);
if (SIZES.length === 0) SIZES.push(1_000, 10_000, 100_000);
const VERSION_EVERY = 5_000;
const REPEATS = 7;
const AUTHORS = ["Ana", "Ben", "Cy", "Dee", "Eli"];
const MODELS = ["capital-project", "staged-venture-bet", "persistent-capacity", "guardrailed-exploration", "all-in-mission"];

/** mulberry32: small, fast and good enough to make the same board every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GeneratedBoard {
  boardId: string;
  versions: VersionRecord[];
}

/** Writes `count` logged updates the way rooms do: group commits, a checkpoint every 500. */
async function generateBoard(storage: Storage, count: number, seed: number): Promise<GeneratedBoard> {
  const random = seededRandom(seed);
  const pickOf = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const boardId = `bench-history-${count}-${seed}`;
  const doc = new Y.Doc();
  initializeBoard(doc, { title: `History bench ${count}` });
  let now = Date.UTC(2026, 0, 5, 9);
  await storage.createBoard({ id: boardId, title: "bench", createdAt: now, updatedAt: now }, { edit: `e-${boardId}`, view: `v-${boardId}` }, Y.encodeStateAsUpdate(doc));

  let pending: NewUpdate[] = [];
  let author = "Ana";
  doc.on("update", (data: Uint8Array) => pending.push({ boardId, data, author, createdAt: now }));
  const ids: string[] = [];
  const notes: string[] = [];
  const versions: VersionRecord[] = [];
  let written = 0;
  while (written < count) {
    author = pickOf(AUTHORS);
    now += Math.floor(random() * 20_000);
    const origin = localUserOrigin(author);
    const roll = random();
    const id = ids.length > 0 ? pickOf(ids) : null;
    if (!id || (roll < 0.04 && ids.length < 400)) {
      ids.push(createInitiative(doc, { title: `Initiative ${ids.length}`, x: random() * 2000, y: random() * 1200, modelId: pickOf(MODELS) }, origin));
    } else if (roll < 0.05 && ids.length > 50) {
      deleteInitiative(doc, id, origin);
      ids.splice(ids.indexOf(id), 1);
    } else if (roll < 0.4) {
      updateInitiative(doc, id, { x: Math.round(random() * 2000), y: Math.round(random() * 1200) }, origin);
    } else if (roll < 0.7) {
      const title = String(doc.getMap<Y.Map<unknown>>("initiatives").get(id)?.get("title") ?? "");
      setInitiativeText(doc, id, "title", `${title.slice(0, 30)}${String.fromCharCode(97 + Math.floor(random() * 26))}`, origin);
    } else if (roll < 0.8) {
      assignModel(doc, id, pickOf(MODELS), "seeded rationale", origin);
    } else if (roll < 0.95) {
      updateInitiative(doc, id, { status: pickOf(["active", "paused", "at-risk"]), owner: pickOf(AUTHORS), confidence: Math.ceil(random() * 5) }, origin);
    } else if (notes.length < 200) {
      notes.push(createNote(doc, { text: `note ${written}`, x: random() * 2000, y: random() * 1200 }, origin));
    } else {
      const note = notes.splice(Math.floor(random() * notes.length), 1)[0] as string;
      doc.getMap("notes").delete(note);
    }
    if (pending.length >= 100 || written + pending.length >= count) {
      const batch = pending.slice(0, count - written);
      pending = [];
      const seqs = await storage.appendUpdates(batch);
      const before = written;
      written += batch.length;
      const last = seqs.at(-1) ?? written;
      if (Math.floor(written / CHECKPOINT_EVERY_UPDATES) > Math.floor(before / CHECKPOINT_EVERY_UPDATES) || written === count) {
        await storage.writeCheckpoint({ boardId, seq: last, state: Y.encodeStateAsUpdate(doc), createdAt: now });
      }
      if (Math.floor(written / VERSION_EVERY) > Math.floor(before / VERSION_EVERY) || written === count) {
        const version: VersionRecord = { id: `v-${boardId}-${last}`, boardId, label: `at ${last}`, kind: "auto", seq: last, createdAt: now, createdBy: author };
        await storage.createVersion(version);
        versions.push(version);
      }
    }
  }
  doc.destroy();
  return { boardId, versions };
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < REPEATS; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

interface Row {
  updates: number;
  materializeVersion: number;
  materializeMoment: number;
  diffRecent: number;
  diffWhole: number;
  restore: number;
}

async function measure(count: number, dataDir: string): Promise<Row> {
  const storage = new SqliteStorage(dataDir);
  await storage.init();
  const registry = new RoomRegistry({
    storage,
    committer: new GroupCommitter(storage),
    metrics: new ServerMetrics(),
    logger: createLogger("silent"),
    idleUnloadMs: 600_000,
  });
  const history = new HistoryService(storage, registry);
  try {
    const { boardId, versions } = await generateBoard(storage, count, 42);
    const newest = versions.at(-1) as VersionRecord;
    const older = versions.at(-2) ?? { ...newest, seq: Math.max(0, newest.seq - VERSION_EVERY) };
    // The worst moment: just before a checkpoint, so the most updates are replayed.
    const moment = Math.max(1, newest.seq - 1);
    const materializeVersion = await medianMs(async () => (await materializeAt(storage, boardId, older.seq)).destroy());
    const materializeMoment = await medianMs(async () => (await materializeAt(storage, boardId, moment)).destroy());
    const recentFrom = Math.max(0, newest.seq - 1_000);
    const diffRecent = await medianMs(() => history.changes(boardId, { seq: recentFrom, label: "recent" }, { seq: newest.seq, label: "now" }));
    const diffWhole = await medianMs(() => history.changes(boardId, { seq: 0, label: "start" }, { seq: newest.seq, label: "now" }));
    let flip = false;
    const restore = await medianMs(() => {
      flip = !flip;
      return history.restore(boardId, flip ? older : newest, "bench");
    });
    return { updates: count, materializeVersion, materializeMoment, diffRecent, diffWhole, restore };
  } finally {
    await registry.closeAll();
    await storage.close();
  }
}

function table(rows: readonly Row[]): string {
  const ms = (value: number) => value.toFixed(1);
  return [
    "| logged updates | materialise a version | materialise a moment (worst: 499 to replay) | diff over the last 1,000 updates | diff over the whole log | restore |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (row) =>
        `| ${row.updates.toLocaleString("en-US")} | ${ms(row.materializeVersion)} ms | ${ms(row.materializeMoment)} ms | ${ms(row.diffRecent)} ms | ${ms(row.diffWhole)} ms | ${ms(row.restore)} ms |`,
    ),
  ].join("\n");
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const count of SIZES) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "modelmap-bench-history-"));
    try {
      rows.push(await measure(count, dataDir));
      console.error(`measured ${count} updates`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  const report = [
    `# History costs (${date})`,
    "",
    `Medians of ${REPEATS} runs on SQLite, seeded board (seed 42, up to 400 initiatives, ${AUTHORS.length} authors), checkpoints every ${CHECKPOINT_EVERY_UPDATES} updates, a version every ${VERSION_EVERY.toLocaleString("en-US")}. Diffs include the authors of every changed item, decoded from the log. Command: \`npx tsx bench/history.ts\`.`,
    "",
    table(rows),
    "",
  ].join("\n");
  const resultsDir = path.resolve(import.meta.dirname, "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `history-${date}.md`);
  writeFileSync(file, report);
  console.log(report);
  console.error(`written to ${path.relative(process.cwd(), file)}`);
}

await main();
