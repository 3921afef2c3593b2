/**
 * The 5,000-card board of the `storm` scenario. Uses the project's seeded generator
 * (lib/board/generator.ts) when it exists, else builds a similar board here from a fixed seed.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { writeBoardContent } from "../lib/board/schema";
import { DEFAULT_MODELS } from "../lib/board/models";
import type { BoardContent, InitiativeContent, LinkContent } from "../lib/board/types";

const SEED = 20_240_601;
const STATUSES = ["idea", "active", "paused", "done"];
const HORIZONS = ["H1", "H2", "H3"];
const WORDS = ["checkout", "onboarding", "pricing", "platform", "search", "billing", "mobile", "partner", "data", "trust"];

/** mulberry32: tiny, seeded, good enough to spread cards around. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function buildBoardHere(count: number): BoardContent {
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const initiatives: Record<string, InitiativeContent> = {};
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const id = `i${index}`;
    ids.push(id);
    initiatives[id] = {
      id,
      title: `${pick(WORDS)} ${pick(WORDS)} initiative ${index}`,
      notes: `Why: move the ${pick(WORDS)} metric. Next: review with ${pick(WORDS)} team.`,
      modelId: pick(DEFAULT_MODELS).id,
      owner: `owner-${index % 40}`,
      status: pick(STATUSES),
      horizon: pick(HORIZONS),
      x: Math.round(random() * 20_000),
      y: Math.round(random() * 20_000),
    };
  }
  const links: Record<string, LinkContent> = {};
  for (let index = 0; index < count / 5; index++) {
    const id = `l${index}`;
    links[id] = { id, from: pick(ids), to: pick(ids), label: "depends on" };
  }
  const models = Object.fromEntries(DEFAULT_MODELS.map((model) => [model.id, model]));
  return { meta: { schemaVersion: 1, title: "Storm board" }, models, initiatives, links, notes: {} };
}

function isBoardGenerator(value: unknown): value is (seed: number, count: number) => BoardContent {
  return typeof value === "function";
}

const builtBoards = new Map<number, Promise<{ content: BoardContent; source: string }>>();

/** Built once per card count and reused by every run of the scenario. */
export function stormBoardContent(count: number): Promise<{ content: BoardContent; source: string }> {
  const built = builtBoards.get(count) ?? buildStormBoard(count);
  builtBoards.set(count, built);
  return built;
}

async function buildStormBoard(count: number): Promise<{ content: BoardContent; source: string }> {
  const generatorPath = path.resolve(import.meta.dirname, "../lib/board/generator.ts");
  if (existsSync(generatorPath)) {
    const generatorModule: Record<string, unknown> = await import(generatorPath);
    if (isBoardGenerator(generatorModule.generateBoard)) {
      return { content: generatorModule.generateBoard(SEED, count), source: "lib/board/generator.ts" };
    }
  }
  return { content: buildBoardHere(count), source: "bench/storm-board.ts" };
}

/**
 * The board as one update. Without the meta and model library when the server already wrote its
 * own template into the room, so every server ends up holding the same amount of content.
 */
export function stormBoardUpdate(content: BoardContent, roomHasTemplate: boolean): Uint8Array {
  const doc = new Y.Doc();
  const written = roomHasTemplate ? { ...content, meta: { schemaVersion: 1, title: content.meta.title }, models: {} } : content;
  writeBoardContent(doc, written, { kind: "import", source: "json" });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
