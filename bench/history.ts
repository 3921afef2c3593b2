/**
 * History costs at 1,000 / 10,000 / 100,000 logged updates on real SQLite storage: materialise
 * a version and an arbitrary moment, diff (with authors) over a short and over the whole history,
 * and restore; also the one-off cost of indexing a log that has no history index yet. A seeded
 * generator makes the same log every run: a few hundred cards edited over and over by five people,
 * each on a Yjs client per session, titles typed one character per update.
 *
 *   npx tsx bench/history.ts [sizes…] [--baseline DIR] [--out FILE]
 *
 * Writes bench/results/history-<date>.md, or with `--out FILE` the figures as JSON to FILE and
 * nothing into bench/results (how `npm run bench` takes them into its one report).
 * `--baseline DIR` also measures, on the same logs and in the same run, the history code of an
 * older checkout extracted into DIR (e.g. `git archive <commit> server lib | tar -x -C DIR`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import * as Y from "yjs";
import { assignModel, createInitiative, createNote, deleteInitiative, setInitiativeText, updateInitiative } from "../lib/board/mutations";
import { localUserOrigin } from "../lib/board/origins";
import { initializeBoard } from "../lib/board/schema";
import { GroupCommitter } from "../server/collab/groupCommit";
import { RoomRegistry } from "../server/collab/registry";
import { CHECKPOINT_EVERY_UPDATES } from "../server/collab/room";
import { segmentStart } from "../server/history/indexer";
import { HistoryService } from "../server/history/service";
import { createLogger } from "../server/logger";
import { ServerMetrics } from "../server/metrics";
import { SqliteStorage } from "../server/storage/sqlite";
import type { NewUpdate, Storage, VersionRecord } from "../server/storage/types";
import { historyCostTable, historySizeTable, type HistoryCosts, type HistoryResult, type HistoryRow } from "./history-tables";

const { values: options, positionals } = parseArgs({
  options: { baseline: { type: "string" }, out: { type: "string" } },
  allowPositionals: true,
});
const BASELINE_DIR = options.baseline ? path.resolve(options.baseline) : null;
const SIZES = positionals.map(Number).filter((size) => size > 0);
if (SIZES.length === 0) SIZES.push(1_000, 10_000, 100_000);
const SEED = 42;
const VERSION_EVERY = 5_000;
const REPEATS = 7;
const MAX_CARDS = 300;
const AUTHORS = ["Ana", "Ben", "Cy", "Dee", "Eli"];
const MODELS = ["capital-project", "staged-venture-bet", "persistent-capacity", "guardrailed-exploration", "all-in-mission"];
/** Chance per action that its author starts a new session (a reload, another device): a new Yjs client. */
const NEW_SESSION_CHANCE = 0.002;

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
  head: number;
  /** Encoded Yjs state at the end (what a checkpoint and a joining client hold). */
  stateBytes: number;
  yjsClients: number;
}

/** Writes `count` logged updates the way rooms do: group commits, a checkpoint every 500. */
async function generateBoard(storage: Storage, count: number, seed: number): Promise<GeneratedBoard> {
  const random = seededRandom(seed);
  const pickOf = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const boardId = `bench-history-${count}-${seed}`;
  const doc = new Y.Doc({ gc: true });
  initializeBoard(doc, { title: `History bench ${count}` });
  let now = Date.UTC(2026, 0, 5, 9);
  await storage.createBoard({ id: boardId, title: "bench", createdAt: now, updatedAt: now }, { edit: `e-${boardId}`, view: `v-${boardId}` }, Y.encodeStateAsUpdate(doc));

  let pending: NewUpdate[] = [];
  let author = "Ana";
  doc.on("update", (data: Uint8Array) => pending.push({ boardId, data, author, createdAt: now }));
  const newClientId = () => Math.floor(random() * 0xffffffff);
  const sessionOf = new Map(AUTHORS.map((name) => [name, newClientId()]));
  const clients = new Set(sessionOf.values());
  const ids: string[] = [];
  const notes: string[] = [];
  const versions: VersionRecord[] = [];
  let written = 0;
  const titleOf = (id: string) => String(doc.getMap<Y.Map<unknown>>("initiatives").get(id)?.get("title") ?? "");
  while (written < count) {
    author = pickOf(AUTHORS);
    if (random() < NEW_SESSION_CHANCE) {
      sessionOf.set(author, newClientId());
      clients.add(sessionOf.get(author) as number);
    }
    doc.clientID = sessionOf.get(author) as number;
    now += Math.floor(random() * 20_000);
    const origin = localUserOrigin(author);
    const roll = random();
    const id = ids.length > 0 ? pickOf(ids) : null;
    if (!id || (roll < 0.03 && ids.length < MAX_CARDS)) {
      ids.push(createInitiative(doc, { title: `Initiative ${ids.length}`, x: random() * 2000, y: random() * 1200, modelId: pickOf(MODELS) }, origin));
    } else if (roll < 0.035 && ids.length > 50) {
      deleteInitiative(doc, id, origin);
      ids.splice(ids.indexOf(id), 1);
    } else if (roll < 0.35) {
      updateInitiative(doc, id, { x: Math.round(random() * 2000), y: Math.round(random() * 1200) }, origin);
    } else if (roll < 0.6) {
      // A word typed into the title, one update per keystroke.
      const base = titleOf(id).slice(0, 40);
      let typed = " ";
      for (let key = 2 + Math.floor(random() * 8); key > 0; key--) {
        typed += String.fromCharCode(97 + Math.floor(random() * 26));
        setInitiativeText(doc, id, "title", `${base}${typed}`, origin);
        now += 150;
      }
    } else if (roll < 0.7) {
      assignModel(doc, id, pickOf(MODELS), "seeded rationale", origin);
    } else if (roll < 0.95) {
      updateInitiative(doc, id, { status: pickOf(["active", "paused", "at-risk"]), owner: pickOf(AUTHORS), confidence: Math.ceil(random() * 5) }, origin);
    } else if (notes.length < 150) {
      notes.push(createNote(doc, { text: `note ${written}`, x: random() * 2000, y: random() * 1200 }, origin));
    } else {
      const note = notes.splice(Math.floor(random() * notes.length), 1)[0] as string;
      doc.getMap("notes").delete(note);
    }
    if (pending.length >= 100 || written + pending.length >= count) {
      // The whole batch, even past `count`: a checkpoint must never hold an update the log lacks.
      const batch = pending;
      pending = [];
      const seqs = await storage.appendUpdates(batch);
      const before = written;
      written += batch.length;
      const last = seqs.at(-1) ?? written;
      if (Math.floor(written / CHECKPOINT_EVERY_UPDATES) > Math.floor(before / CHECKPOINT_EVERY_UPDATES) || written >= count) {
        await storage.writeCheckpoint({ boardId, seq: last, state: Y.encodeStateAsUpdate(doc), createdAt: now });
      }
      if (Math.floor(written / VERSION_EVERY) > Math.floor(before / VERSION_EVERY) || written >= count) {
        const version: VersionRecord = { id: `v-${boardId}-${last}`, boardId, label: `at ${last}`, kind: "auto", seq: last, createdAt: now, createdBy: author };
        await storage.createVersion(version);
        versions.push(version);
      }
    }
  }
  const stateBytes = Y.encodeStateAsUpdate(doc).byteLength;
  doc.destroy();
  return { boardId, versions, head: written, stateBytes, yjsClients: clients.size };
}

async function medianMs(run: () => Promise<unknown>, repeats = REPEATS): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < repeats; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** What both the current history code and a baseline checkout answer. */
interface HistoryCode {
  contentAt(boardId: string, seq: number): Promise<unknown>;
  changes(boardId: string, from: { seq: number; label: string }, to: { seq: number; label: string }): Promise<unknown>;
  restore(boardId: string, version: VersionRecord, userName: string | null): Promise<unknown>;
}

async function measureCosts(history: HistoryCode, board: GeneratedBoard, repeats = REPEATS): Promise<HistoryCosts> {
  const { boardId, versions, head } = board;
  const newest = versions.at(-1) as VersionRecord;
  const older = versions.at(-2) ?? { ...newest, seq: Math.max(0, newest.seq - VERSION_EVERY) };
  // The worst moment: just before a checkpoint (and a segment), so the most updates are replayed.
  const moment = Math.max(1, segmentStart(head) - 1);
  const materializeVersion = await medianMs(() => history.contentAt(boardId, older.seq), repeats);
  const materializeMoment = await medianMs(() => history.contentAt(boardId, moment), repeats);
  const diffRecent = await medianMs(() => history.changes(boardId, { seq: Math.max(0, head - 1_000), label: "recent" }, { seq: head, label: "now" }), repeats);
  const diffWhole = await medianMs(() => history.changes(boardId, { seq: 0, label: "start" }, { seq: head, label: "now" }), repeats);
  let flip = false;
  const restore = await medianMs(() => {
    flip = !flip;
    return history.restore(boardId, flip ? older : newest, "bench");
  }, repeats);
  return { materializeVersion, materializeMoment, diffRecent, diffWhole, restore };
}

/** A diff with its lists in id order: the order of items in a board's maps is not part of its content. */
function inIdOrder(answer: unknown): unknown {
  const diff = answer as Record<string, unknown>;
  const sorted = (list: unknown) => [...(list as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id));
  return { ...diff, added: sorted(diff.added), removed: sorted(diff.removed), changed: sorted(diff.changed), summary: [...(diff.summary as string[])].sort(), modelReassignments: sorted(diff.modelReassignments) };
}

/** The index answers what replaying Yjs answers: the content at a moment and a diff with its authors. */
async function answersAgree(history: HistoryCode, baseline: HistoryCode, board: GeneratedBoard): Promise<boolean> {
  const moment = Math.max(1, segmentStart(board.head) - 1);
  const to = { seq: board.head, label: "now" };
  if (!isDeepStrictEqual(await history.contentAt(board.boardId, moment), await baseline.contentAt(board.boardId, moment))) return false;
  for (const from of [{ seq: Math.max(0, board.head - 1_000), label: "recent" }, { seq: 0, label: "start" }]) {
    const [now, before] = [await history.changes(board.boardId, from, to), await baseline.changes(board.boardId, from, to)];
    if (!isDeepStrictEqual(inIdOrder(now), inIdOrder(before))) return false;
  }
  return true;
}

/** The history service of an older checkout, reading the same storage and rooms. */
async function baselineHistory(storage: Storage, registry: RoomRegistry): Promise<HistoryCode> {
  const dir = BASELINE_DIR as string;
  const module = (await import(path.join(dir, "server/history/service.ts"))) as { HistoryService: new (storage: Storage, registry: RoomRegistry) => HistoryCode };
  return new module.HistoryService(storage, registry);
}

async function measure(count: number, dataDir: string): Promise<HistoryRow> {
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
    const board = await generateBoard(storage, count, SEED);
    const started = performance.now();
    await history.indexer.ensure(board.boardId, board.head);
    const indexBuild = performance.now() - started;
    const baselineCode = BASELINE_DIR ? await baselineHistory(storage, registry) : null;
    const sameAnswers = baselineCode ? await answersAgree(history, baselineCode, board) : null;
    // The baseline first: each code's restores flip the board between the same two versions.
    const baseline = baselineCode ? await measureCosts(baselineCode, board, count >= 100_000 ? 3 : REPEATS) : null;
    const now = await measureCosts(history, board);
    return { updates: count, stateBytes: board.stateBytes, yjsClients: board.yjsClients, indexBuild, sameAnswers, now, baseline };
  } finally {
    history.indexer.close();
    await registry.closeAll();
    await storage.close();
  }
}

async function main(): Promise<void> {
  const rows: HistoryRow[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  for (const count of SIZES) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "modelmap-bench-history-"));
    try {
      rows.push(await measure(count, dataDir));
      console.error(`measured ${count} updates`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const result: HistoryResult = {
    date: new Date().toISOString(),
    repeats: REPEATS,
    seed: SEED,
    method: `Medians of ${REPEATS} runs${BASELINE_DIR ? " (baseline at 100,000: 3)" : ""} on SQLite. Seeded board (seed ${SEED}): up to ${MAX_CARDS} initiatives and 150 notes edited over and over by ${AUTHORS.length} people, each on a Yjs client of their own that changes with a new session; titles typed one keystroke per update. Checkpoints every ${CHECKPOINT_EVERY_UPDATES} updates, a version every ${VERSION_EVERY.toLocaleString("en-US")}. "Materialise" means the board's plain content at that point (what the preview and the diff read). Diffs include the authors of every changed item.`,
    loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
    rows,
  };
  if (options.out) {
    writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    console.error(`written to ${options.out}`);
    return;
  }
  const date = result.date.slice(0, 10);
  const command = `npx tsx bench/history.ts${BASELINE_DIR ? " --baseline <older checkout>" : ""}${positionals.length > 0 ? ` ${SIZES.join(" ")}` : ""}`;
  const report = [
    `# History costs (${date})`,
    "",
    `${result.method} Load average ${result.loadAverage.before.toFixed(1)} before, ${result.loadAverage.after.toFixed(1)} after, on ${cpus().length} cores. Command: \`${command}\`.`,
    "",
    historyCostTable(rows),
    "",
    "Growth of the Yjs state, and what the history index costs to build:",
    "",
    historySizeTable(rows),
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
