import { CARD_HEIGHT, CARD_WIDTH } from "./geometry";
import { HEALTH_VALUES, HORIZONS, INITIATIVE_STATUSES, REVIEW_CADENCES } from "./fields";
import { DEFAULT_MODELS } from "./models";
import { emptyBoardContent } from "./schema";
import type { BoardContent, InitiativeContent } from "./types";

/**
 * A seeded heavy-board generator for benchmarks and fuzzing: the same seed and card count
 * always give the same board, with a realistic mix of fields, links (about one per three cards)
 * and notes (about one per twenty cards).
 */

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ["Launch", "Rebuild", "Scale", "Automate", "Pilot", "Simplify", "Migrate", "Localise", "Open", "Unify"];
const SUBJECTS = [
  "checkout",
  "onboarding",
  "pricing page",
  "partner API",
  "billing engine",
  "search",
  "mobile app",
  "warehouse routing",
  "support inbox",
  "data lake",
  "loyalty programme",
  "returns flow",
  "identity service",
  "reporting suite",
  "sales playbook",
];
const MARKETS = ["for SMB", "in Germany", "for enterprise", "v2", "for dealers", "in Japan", "for partners", ""];
const FIRST_NAMES = ["Ana", "Ben", "Chiara", "Dev", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jon", "Kemi", "Luca"];
const LAST_NAMES = ["Alvarez", "Brandt", "Cohen", "Dubois", "Eze", "Fischer", "Gupta", "Hansen", "Ito", "Jovanovic"];
const TAGS = ["growth", "retention", "platform", "compliance", "cost", "data", "b2b", "mobile", "ops", "research"];
const NORTH_STAR_INPUTS = ["Activation", "Weekly active teams", "Retention", "Expansion revenue"];
const NOTE_TEXTS = ["Check with finance", "Depends on Q3 hiring", "Revisit after the pilot", "Open question: who owns this?"];
const NOTE_COLORS = ["#fde68a", "#bbf7d0", "#bfdbfe", "#fecaca"];
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// A 40 px gap keeps the seeded boards (and the benchmarks run on them) where they were at 220 px cards.
const COLUMN_SPACING = CARD_WIDTH + 40;
const ROW_SPACING = CARD_HEIGHT + 60;

export function generateBoard(seed: number, cardCount: number): BoardContent {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (probability: number) => random() < probability;
  const id = (prefix: string) => {
    let suffix = "";
    for (let index = 0; index < 12; index++) suffix += ID_ALPHABET[Math.floor(random() * 64)];
    return `${prefix}_${suffix}`;
  };
  const isoDay = (offsetDays: number) =>
    new Date(Date.UTC(2025, 0, 1) + Math.round(offsetDays) * 86_400_000).toISOString().slice(0, 10);

  const content = emptyBoardContent(`Generated board ${seed} (${cardCount} cards)`);
  for (const model of DEFAULT_MODELS) content.models[model.id] = { ...model };
  const primaryModels = DEFAULT_MODELS.filter((model) => model.family === "funding");
  const teamShapes = DEFAULT_MODELS.filter((model) => model.family === "team-shape");
  const collaborationModes = DEFAULT_MODELS.filter((model) => model.family === "collaboration");

  const columns = Math.max(1, Math.ceil(Math.sqrt(cardCount * 1.6)));
  const ids: string[] = [];
  for (let index = 0; index < cardCount; index++) {
    const initiativeId = id("ini");
    ids.push(initiativeId);
    const initiative: InitiativeContent = {
      id: initiativeId,
      title: `${pick(VERBS)} ${pick(SUBJECTS)} ${pick(MARKETS)}`.trim(),
      notes: chance(0.3) ? `Context for card ${index + 1}: ${pick(NOTE_TEXTS)}.` : "",
      bet: chance(0.4) ? `If we ${pick(VERBS).toLowerCase()} the ${pick(SUBJECTS)}, ${pick(NORTH_STAR_INPUTS).toLowerCase()} rises.` : "",
      modelId: chance(0.9) ? pick(primaryModels).id : null,
      owner: chance(0.92) ? `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}` : "",
      status: pick(INITIATIVE_STATUSES).value,
      x: (index % columns) * COLUMN_SPACING + Math.round(random() * 40),
      y: Math.floor(index / columns) * ROW_SPACING + Math.round(random() * 40),
    };
    if (chance(0.6)) initiative.teamShapeId = pick(teamShapes).id;
    if (chance(0.8)) initiative.horizon = pick(HORIZONS).value;
    if (chance(0.75)) initiative.proximityCustomer = Math.floor(random() * 4);
    if (chance(0.6)) initiative.proximityOutcome = Math.floor(random() * 4);
    if (chance(0.7)) initiative.health = pick(HEALTH_VALUES).value;
    if (chance(0.5)) initiative.northStarInput = pick(NORTH_STAR_INPUTS);
    if (chance(0.6)) {
      initiative.confidence = Math.round(random() * 100);
      initiative.confidenceAt = `${isoDay(random() * 300)}T09:00:00.000Z`;
    }
    if (chance(0.7)) initiative.investment = { amount: Math.round(random() * 120) / 10, unit: chance(0.8) ? "FTE" : "k€" };
    if (chance(0.4)) initiative.nextDecisionAt = isoDay(random() * 500);
    if (chance(0.4)) initiative.reviewCadence = pick(REVIEW_CADENCES).value;
    if (chance(0.65)) initiative.tags = Array.from(new Set([pick(TAGS), ...(chance(0.4) ? [pick(TAGS)] : [])]));
    if (chance(0.1)) initiative.url = `https://wiki.example.com/initiatives/${index + 1}`;
    content.initiatives[initiativeId] = initiative;
  }

  const linkCount = ids.length > 1 ? Math.floor(cardCount / 3) : 0;
  for (let index = 0; index < linkCount; index++) {
    const from = pick(ids);
    let to = pick(ids);
    if (to === from) to = ids[(ids.indexOf(from) + 1) % ids.length] as string;
    const linkId = id("lnk");
    content.links[linkId] = { id: linkId, from, to, label: chance(0.5) ? pick(["needs", "feeds", "blocks", "uses"]) : "" };
    const link = content.links[linkId];
    if (chance(0.6)) link.mode = pick(collaborationModes).id;
    if (chance(0.2)) link.endsAt = isoDay(random() * 400);
    if (chance(0.15)) link.blocking = true;
  }

  const noteCount = Math.floor(cardCount / 20);
  for (let index = 0; index < noteCount; index++) {
    const noteId = id("note");
    content.notes[noteId] = {
      id: noteId,
      text: pick(NOTE_TEXTS),
      x: Math.round(random() * columns * COLUMN_SPACING),
      y: -400 - Math.round(random() * 300),
      color: pick(NOTE_COLORS),
    };
  }
  return content;
}
