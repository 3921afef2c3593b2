import { HEALTH_VALUES, HORIZONS, INITIATIVE_STATUSES, isInvestment, optionLabel } from "./fields";
import { frameMembers } from "./frames";
import { MODEL_FAMILIES } from "./models";
import { noteKindOf } from "./noteKinds";
import type { BoardContent, InitiativeContent, ModelContent } from "./types";

/**
 * A readable portfolio summary in Markdown, grouped by model family and model, for pasting
 * into a board deck or an email.
 */

/**
 * Escapes the characters Markdown (and inline HTML) would read as formatting inside a line, and
 * folds text onto one line so user text never starts a heading or list.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`)
    .trim();
}

function byTitle(a: InitiativeContent, b: InitiativeContent): number {
  return a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

function initiativeLine(initiative: InitiativeContent): string {
  const details: string[] = [];
  details.push(initiative.owner ? escapeMarkdown(initiative.owner) : "no owner");
  details.push(escapeMarkdown(optionLabel(INITIATIVE_STATUSES, initiative.status)));
  if (typeof initiative.horizon === "string") details.push(escapeMarkdown(initiative.horizon));
  if (typeof initiative.health === "string") details.push(escapeMarkdown(optionLabel(HEALTH_VALUES, initiative.health)));
  if (isInvestment(initiative.investment)) {
    details.push(`${initiative.investment.amount} ${escapeMarkdown(initiative.investment.unit)}`);
  }
  if (typeof initiative.nextDecisionAt === "string") details.push(`decide by ${escapeMarkdown(initiative.nextDecisionAt)}`);
  const title = escapeMarkdown(initiative.title) || "(untitled)";
  const lines = [`- **${title}** — ${details.join(" · ")}`];
  if (typeof initiative.bet === "string" && initiative.bet.trim()) lines.push(`  - Bet: ${escapeMarkdown(initiative.bet)}`);
  if (typeof initiative.rationale === "string" && initiative.rationale.trim()) {
    lines.push(`  - Why this model: ${escapeMarkdown(initiative.rationale)}`);
  }
  return lines.join("\n");
}

function familyLabel(family: string): string {
  return MODEL_FAMILIES.find((candidate) => candidate.id === family)?.label ?? (family || "Other models");
}

/** Frames as the workshop left them: each frame's title and the initiatives inside it. */
function frameSection(content: BoardContent): string[] {
  const frames = Object.values(content.notes)
    .filter((note) => noteKindOf(note) === "frame")
    .sort((a, b) => a.text.localeCompare(b.text) || a.id.localeCompare(b.id));
  if (frames.length === 0) return [];
  const out = ["## Frames", ""];
  for (const frame of frames) {
    const titles = frameMembers(content, frame.id)
      .initiatives.map((id) => content.initiatives[id]?.title ?? "")
      .map((title) => escapeMarkdown(title) || "(untitled)")
      .sort((a, b) => a.localeCompare(b));
    out.push(`- **${escapeMarkdown(frame.text) || "Untitled frame"}** — ${titles.length > 0 ? titles.join(", ") : "no initiatives"}`);
  }
  out.push("");
  return out;
}

export function exportMarkdown(content: BoardContent): string {
  const initiatives = Object.values(content.initiatives).sort(byTitle);
  const byModel = new Map<string, InitiativeContent[]>();
  const unmodelled: InitiativeContent[] = [];
  for (const initiative of initiatives) {
    const model = initiative.modelId ? content.models[initiative.modelId] : undefined;
    if (!model) {
      unmodelled.push(initiative);
      continue;
    }
    const bucket = byModel.get(model.id);
    if (bucket) bucket.push(initiative);
    else byModel.set(model.id, [initiative]);
  }

  const title = escapeMarkdown(content.meta.title) || "Untitled board";
  const out: string[] = [`# ${title}`, ""];
  const modelsInUse = byModel.size;
  out.push(
    `${initiatives.length} initiatives across ${modelsInUse} models; ${Object.keys(content.links).length} links; ` +
      `${unmodelled.length} without a model.`,
    "",
  );

  const horizonCounts = HORIZONS.map(
    (horizon) => `${horizon.value}: ${initiatives.filter((initiative) => initiative.horizon === horizon.value).length}`,
  );
  out.push(`Horizons — ${horizonCounts.join(", ")}.`, "");

  const families = [
    ...MODEL_FAMILIES.map((family) => family.id as string),
    ...new Set(Object.values(content.models).map((model) => model.family)),
  ].filter((family, index, all) => all.indexOf(family) === index);
  for (const family of families) {
    const models = Object.values(content.models)
      .filter((model): model is ModelContent => model.family === family && byModel.has(model.id))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (models.length === 0) continue;
    out.push(`## ${escapeMarkdown(familyLabel(family))}`, "");
    for (const model of models) {
      const members = byModel.get(model.id) ?? [];
      out.push(`### ${escapeMarkdown(model.name)} (${members.length})`, "");
      if (model.summary) out.push(`_${escapeMarkdown(model.summary)}_`, "");
      out.push(...members.map(initiativeLine), "");
    }
  }
  if (unmodelled.length > 0) {
    out.push("## No model yet", "", ...unmodelled.map(initiativeLine), "");
  }
  out.push(...frameSection(content));
  return out.join("\n");
}
