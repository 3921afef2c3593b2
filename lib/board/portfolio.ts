import { isInvestment } from "./fields";
import { MODEL_FAMILIES } from "./models";
import type { BoardContent, InitiativeContent } from "./types";

/**
 * The portfolio mix: how many initiatives, and how much investment, sit in each model and each
 * family. Investments in different units are never added together; shares by investment are
 * taken in one unit (the most used, unless the caller picks one).
 */

export const NO_MODEL_KEY = "none";

export interface MixEntry {
  /** A model id or family id; `none` for initiatives without a (known) model. */
  key: string;
  label: string;
  color: string | null;
  count: number;
  /** count / all counted initiatives, 0…1. */
  countShare: number;
  /** Total investment per unit. */
  investment: Record<string, number>;
  /** Investment in the weighting unit / the total in that unit, 0…1 (0 when nothing is invested). */
  investmentShare: number;
}

export interface PortfolioMix {
  count: number;
  investment: Record<string, number>;
  /** The unit investment shares are taken in; null when no initiative has an investment. */
  unit: string | null;
  byModel: MixEntry[];
  byFamily: MixEntry[];
}

export interface MixOptions {
  unit?: string;
  /** Count done and stopped initiatives too (default: only open work). */
  includeClosed?: boolean;
}

const CLOSED_STATUSES = new Set(["done", "stopped"]);
const NO_MODEL_COLOR = "#9ca3af";

function addInvestment(totals: Record<string, number>, initiative: InitiativeContent): void {
  if (!isInvestment(initiative.investment)) return;
  const { amount, unit } = initiative.investment;
  totals[unit] = (totals[unit] ?? 0) + amount;
}

function mostUsedUnit(initiatives: readonly InitiativeContent[]): string | null {
  const uses = new Map<string, number>();
  for (const initiative of initiatives) {
    if (isInvestment(initiative.investment)) uses.set(initiative.investment.unit, (uses.get(initiative.investment.unit) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [unit, count] of uses) if (best === null || count > (uses.get(best) ?? 0)) best = unit;
  return best;
}

function entries(
  groups: Map<string, { label: string; color: string | null; members: InitiativeContent[] }>,
  total: number,
  unit: string | null,
  unitTotal: number,
): MixEntry[] {
  return Array.from(groups, ([key, group]) => {
    const investment: Record<string, number> = {};
    for (const member of group.members) addInvestment(investment, member);
    return {
      key,
      label: group.label,
      color: group.color,
      count: group.members.length,
      countShare: total > 0 ? group.members.length / total : 0,
      investment,
      investmentShare: unit !== null && unitTotal > 0 ? (investment[unit] ?? 0) / unitTotal : 0,
    };
  }).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function portfolioMix(content: BoardContent, options: MixOptions = {}): PortfolioMix {
  const initiatives = Object.values(content.initiatives).filter(
    (initiative) => options.includeClosed === true || !CLOSED_STATUSES.has(initiative.status),
  );
  const investment: Record<string, number> = {};
  for (const initiative of initiatives) addInvestment(investment, initiative);
  const unit = options.unit ?? mostUsedUnit(initiatives);
  const unitTotal = unit === null ? 0 : (investment[unit] ?? 0);

  const byModel = new Map<string, { label: string; color: string | null; members: InitiativeContent[] }>();
  const byFamily = new Map<string, { label: string; color: string | null; members: InitiativeContent[] }>();
  for (const initiative of initiatives) {
    const model = initiative.modelId ? content.models[initiative.modelId] : undefined;
    const modelKey = model?.id ?? NO_MODEL_KEY;
    const modelGroup = byModel.get(modelKey) ?? { label: model?.name ?? "No model", color: model?.color ?? NO_MODEL_COLOR, members: [] };
    modelGroup.members.push(initiative);
    byModel.set(modelKey, modelGroup);

    const familyKey = model?.family || NO_MODEL_KEY;
    const familyLabel = model
      ? (MODEL_FAMILIES.find((family) => family.id === model.family)?.label ?? (model.family || "No family"))
      : "No model";
    const familyGroup = byFamily.get(familyKey) ?? { label: familyLabel, color: null, members: [] };
    familyGroup.members.push(initiative);
    byFamily.set(familyKey, familyGroup);
  }
  const total = initiatives.length;
  return {
    count: total,
    investment,
    unit,
    byModel: entries(byModel, total, unit, unitTotal),
    byFamily: entries(byFamily, total, unit, unitTotal),
  };
}
