import { reviewCadenceDays } from "./fields";
import type { BoardContent, InitiativeContent } from "./types";

/**
 * Hints worth surfacing on a board (DESIGN.md): observations, never rules. Each names the
 * initiatives (and links) it concerns, so views can badge the cards. Hints read model ids of
 * the default library, which boards may rename but whose ids stay stable.
 */

export type HintCode =
  | "no-model"
  | "no-owner"
  | "capital-project-past-decision"
  | "time-boxed-without-end"
  | "too-many-all-in-missions"
  | "exploration-on-transactional-link"
  | "platform-without-north-star"
  | "stale-review";

export interface Hint {
  code: HintCode;
  message: string;
  initiativeIds: string[];
  linkIds: string[];
}

/** More than this many running all-in missions starve everything else. */
export const ALL_IN_MISSION_LIMIT = 2;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Finished work needs no owner, model or review. */
const CLOSED_STATUSES = new Set(["done", "stopped"]);
const EXPLORATORY_MODELS = new Set(["guardrailed-exploration", "staged-venture-bet"]);

function isOpen(initiative: InitiativeContent): boolean {
  return !CLOSED_STATUSES.has(initiative.status);
}

function label(initiative: InitiativeContent): string {
  return `"${initiative.title || "(untitled)"}"`;
}

function dateOf(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** The last moment someone looked at the card: an explicit review, a confidence or model update. */
function lastReviewed(initiative: InitiativeContent): number | undefined {
  const times = [initiative.reviewedAt, initiative.confidenceAt, initiative.modelChangedAt]
    .map(dateOf)
    .filter((time): time is number => time !== undefined);
  return times.length > 0 ? Math.max(...times) : undefined;
}

function perInitiative(content: BoardContent, now: Date): Hint[] {
  const hints: Hint[] = [];
  const add = (code: HintCode, initiative: InitiativeContent, message: string) =>
    hints.push({ code, message, initiativeIds: [initiative.id], linkIds: [] });
  for (const initiative of Object.values(content.initiatives)) {
    if (!isOpen(initiative)) continue;
    const modelId = initiative.modelId;
    if (!modelId || !content.models[modelId]) add("no-model", initiative, `${label(initiative)} has no model.`);
    if (!initiative.owner.trim()) add("no-owner", initiative, `${label(initiative)} has no owner.`);

    const decision = dateOf(initiative.nextDecisionAt);
    if (modelId === "capital-project" && decision !== undefined && decision < now.getTime()) {
      add(
        "capital-project-past-decision",
        initiative,
        `${label(initiative)} is a capital project past its decision date (${String(initiative.nextDecisionAt)}).`,
      );
    }

    const isPlatform = modelId === "platform-service" || initiative.teamShapeId === "platform-service";
    const northStar = typeof initiative.northStarInput === "string" ? initiative.northStarInput.trim() : "";
    if (isPlatform && !northStar) {
      add("platform-without-north-star", initiative, `${label(initiative)} is platform work with no North Star input.`);
    }

    const cadenceDays = reviewCadenceDays(initiative.reviewCadence);
    if (cadenceDays !== undefined) {
      const reviewed = lastReviewed(initiative);
      if (reviewed === undefined) {
        add("stale-review", initiative, `${label(initiative)} has a ${String(initiative.reviewCadence)} review but was never reviewed.`);
      } else if (now.getTime() - reviewed > cadenceDays * DAY_MS) {
        const days = Math.floor((now.getTime() - reviewed) / DAY_MS);
        add("stale-review", initiative, `${label(initiative)} was last reviewed ${days} days ago (${String(initiative.reviewCadence)} cadence).`);
      }
    }
  }
  return hints;
}

function perLink(content: BoardContent): Hint[] {
  const hints: Hint[] = [];
  for (const link of Object.values(content.links)) {
    const from = content.initiatives[link.from];
    const to = content.initiatives[link.to];
    if (!from || !to) continue;
    const hasEnd = typeof link.endsAt === "string" && link.endsAt.trim() !== "";
    if (link.mode === "time-boxed-collaboration" && !hasEnd) {
      hints.push({
        code: "time-boxed-without-end",
        message: `The time-boxed collaboration between ${label(from)} and ${label(to)} has no end date.`,
        initiativeIds: [from.id, to.id],
        linkIds: [link.id],
      });
    }
    if (link.mode === "transactional-service") {
      const exploratory = [from, to].filter(
        (initiative) => isOpen(initiative) && initiative.modelId !== null && EXPLORATORY_MODELS.has(initiative.modelId),
      );
      for (const initiative of exploratory) {
        const other = initiative === from ? to : from;
        hints.push({
          code: "exploration-on-transactional-link",
          message: `${label(initiative)} explores, yet depends on ${label(other)} through a transactional link.`,
          initiativeIds: [initiative.id],
          linkIds: [link.id],
        });
      }
    }
  }
  return hints;
}

function boardWide(content: BoardContent): Hint[] {
  const missions = Object.values(content.initiatives).filter(
    (initiative) => isOpen(initiative) && initiative.modelId === "all-in-mission",
  );
  if (missions.length <= ALL_IN_MISSION_LIMIT) return [];
  return [
    {
      code: "too-many-all-in-missions",
      message: `${missions.length} all-in missions run at once; more than ${ALL_IN_MISSION_LIMIT} starve everything else.`,
      initiativeIds: missions.map((initiative) => initiative.id).sort(),
      linkIds: [],
    },
  ];
}

/** Every hint on the board at time `now`. */
export function computeHints(content: BoardContent, now: Date): Hint[] {
  return [...perInitiative(content, now), ...perLink(content), ...boardWide(content)];
}

/** Hints per initiative id, for card badges. */
export function hintsByInitiative(hints: readonly Hint[]): Record<string, Hint[]> {
  const byId: Record<string, Hint[]> = {};
  for (const hint of hints) {
    for (const id of hint.initiativeIds) (byId[id] ??= []).push(hint);
  }
  return byId;
}
