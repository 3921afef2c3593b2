import type * as Y from "yjs";
import {
  assignModel,
  createInitiative,
  createLink,
  createModel,
  createNote,
  deleteInitiative,
  deleteLink,
  deleteModel,
  duplicateInitiatives,
  moveInitiative,
  setBoardTitle,
  setInitiativeText,
  updateInitiative,
  updateLink,
  updateModel,
  updateNote,
} from "../../lib/board/mutations";
import { boardMaps } from "../../lib/board/schema";
import { localUserOrigin } from "../../lib/board/origins";

/*
 * Random board edits through lib/board/mutations, as a person at the board would make them.
 * Items are picked by position in the map's own order (not by id), so a seed replays the
 * same choices even though ids are random.
 */

const WORDS = ["Pricing", "Platform", "Hiring", "Churn", "EMEA", "Launch", "Data", "Mobile", "Partners", "Ops"];
const STATUSES = ["idea", "active", "paused", "done"];
const LETTERS = "abcdefghijklmnopqrstuvwxyz ";

function pick<T>(random: () => number, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

function keysOf<T>(map: Y.Map<T>): string[] {
  return Array.from(map.keys());
}

/** One random edit by `name` on `doc`; returns what it did (for failure messages). */
export function randomEdit(doc: Y.Doc, random: () => number, name: string): string {
  const origin = localUserOrigin(name);
  const maps = boardMaps(doc);
  const initiative = pick(random, keysOf(maps.initiatives));
  const model = pick(random, keysOf(maps.models));
  const roll = random();
  if (roll < 0.14 || !initiative) {
    createInitiative(doc, { title: pick(random, WORDS) ?? "", x: Math.round(random() * 2000), y: Math.round(random() * 1200), owner: name }, origin);
    return "create initiative";
  }
  if (roll < 0.36) {
    // Concurrent typing: one keystroke (insert or backspace) at a random caret position.
    const current = maps.initiatives.get(initiative)?.get("title")?.toString() ?? "";
    const caret = Math.floor(random() * (current.length + 1));
    const next =
      random() < 0.7 || current.length === 0
        ? current.slice(0, caret) + (LETTERS[Math.floor(random() * LETTERS.length)] ?? "x") + current.slice(caret)
        : current.slice(0, Math.max(0, caret - 1)) + current.slice(caret);
    setInitiativeText(doc, initiative, "title", next, origin);
    return "type title";
  }
  if (roll < 0.44) {
    setInitiativeText(doc, initiative, "notes", `${name} notes ${Math.floor(random() * 100)}`, origin);
    return "set notes";
  }
  if (roll < 0.54) {
    updateInitiative(doc, initiative, { status: pick(random, STATUSES), confidence: Math.floor(random() * 5) + 1, owner: name }, origin, new Date(0));
    return "update fields";
  }
  if (roll < 0.6) {
    moveInitiative(doc, initiative, Math.round(random() * 2000), Math.round(random() * 1200), origin);
    return "move";
  }
  if (roll < 0.68) {
    assignModel(doc, initiative, random() < 0.1 ? null : (model ?? null), random() < 0.5 ? `because ${name}` : undefined, origin, new Date(0));
    return "assign model";
  }
  if (roll < 0.75) {
    const other = pick(random, keysOf(maps.initiatives));
    if (other && other !== initiative) createLink(doc, { from: initiative, to: other, label: pick(random, WORDS) }, origin);
    return "create link";
  }
  if (roll < 0.79) {
    const link = pick(random, keysOf(maps.links));
    if (link) updateLink(doc, link, { label: `${pick(random, WORDS)} ${name}`, blocking: random() < 0.5 }, origin);
    return "update link";
  }
  if (roll < 0.82) {
    const link = pick(random, keysOf(maps.links));
    if (link) deleteLink(doc, link, origin);
    return "delete link";
  }
  if (roll < 0.85) {
    createModel(doc, { name: `${pick(random, WORDS)} model`, family: "funding" }, origin);
    return "create model";
  }
  if (roll < 0.88) {
    if (model) updateModel(doc, model, { summary: `${name} says ${pick(random, WORDS)}`, color: random() < 0.5 ? "#123456" : "#654321" }, origin);
    return "update model";
  }
  if (roll < 0.89) {
    if (model) deleteModel(doc, model, origin);
    return "delete model";
  }
  if (roll < 0.93) {
    deleteInitiative(doc, initiative, origin);
    return "delete initiative";
  }
  if (roll < 0.95) {
    duplicateInitiatives(doc, [initiative], { x: 40, y: 40 }, origin);
    return "duplicate";
  }
  if (roll < 0.98) {
    const note = pick(random, keysOf(maps.notes));
    if (note && random() < 0.6) updateNote(doc, note, { text: `${name} ${pick(random, WORDS)}`, x: Math.round(random() * 900) }, origin);
    else createNote(doc, { text: name, x: Math.round(random() * 900), y: Math.round(random() * 900) }, origin);
    return "note";
  }
  setBoardTitle(doc, `${pick(random, WORDS)} board`, origin);
  return "board title";
}
