import type { InitiativeContent, ModelContent } from "@/lib/board/types";
import { MODEL_FAMILIES } from "@/lib/board/models";
import { INITIATIVE_STATUSES, optionLabel } from "@/lib/board/fields";

/**
 * Board filters: which initiatives a person wants to see. Each dimension is a set of accepted
 * values (empty = no constraint); `NONE` stands for "not set" (no owner, no model, no tag), so
 * "show me what has no owner" is a filter like any other.
 */

export const NONE = "";

export interface BoardFilters {
  owners: string[];
  modelIds: string[];
  families: string[];
  tags: string[];
  statuses: string[];
  /** Non-matching cards are dimmed (kept for context) or hidden. */
  mode: "dim" | "hide";
}

export type FilterDimension = "owners" | "modelIds" | "families" | "tags" | "statuses";

export const FILTER_DIMENSIONS: readonly { key: FilterDimension; label: string }[] = [
  { key: "owners", label: "Owner" },
  { key: "modelIds", label: "Model" },
  { key: "families", label: "Family" },
  { key: "tags", label: "Tag" },
  { key: "statuses", label: "Status" },
];

export const NO_FILTERS: BoardFilters = { owners: [], modelIds: [], families: [], tags: [], statuses: [], mode: "dim" };

export function isFiltering(filters: BoardFilters): boolean {
  return FILTER_DIMENSIONS.some(({ key }) => filters[key].length > 0);
}

function tagsOf(initiative: InitiativeContent): string[] {
  const tags = initiative.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string" && tag.trim() !== "").map((tag) => tag.trim()) : [];
}

/** The values an initiative has on each dimension (a deleted model counts as no model). */
export function valuesOf(initiative: InitiativeContent, models: ReadonlyMap<string, ModelContent>): Record<FilterDimension, string[]> {
  const model = initiative.modelId ? models.get(initiative.modelId) : undefined;
  const tags = tagsOf(initiative);
  return {
    owners: [initiative.owner.trim()],
    modelIds: [model ? model.id : NONE],
    families: [model ? String(model.family) : NONE],
    tags: tags.length > 0 ? tags : [NONE],
    statuses: [initiative.status],
  };
}

export function matchesFilters(initiative: InitiativeContent, models: ReadonlyMap<string, ModelContent>, filters: BoardFilters): boolean {
  if (!isFiltering(filters)) return true;
  const values = valuesOf(initiative, models);
  return FILTER_DIMENSIONS.every(({ key }) => filters[key].length === 0 || values[key].some((value) => filters[key].includes(value)));
}

export interface FilterChoice {
  value: string;
  label: string;
  count: number;
  color?: string;
}

/** Every value present on the board per dimension, with counts, for the filter menu. */
export function filterChoices(
  initiatives: Iterable<InitiativeContent>,
  models: ReadonlyMap<string, ModelContent>,
): Record<FilterDimension, FilterChoice[]> {
  const counts: Record<FilterDimension, Map<string, number>> = {
    owners: new Map(),
    modelIds: new Map(),
    families: new Map(),
    tags: new Map(),
    statuses: new Map(),
  };
  for (const initiative of initiatives) {
    const values = valuesOf(initiative, models);
    for (const { key } of FILTER_DIMENSIONS) {
      for (const value of new Set(values[key])) counts[key].set(value, (counts[key].get(value) ?? 0) + 1);
    }
  }
  const label = (key: FilterDimension, value: string): string => {
    if (key === "modelIds") return value === NONE ? "No model" : (models.get(value)?.name ?? value);
    if (key === "families") return value === NONE ? "No model" : (MODEL_FAMILIES.find((family) => family.id === value)?.label ?? value);
    if (key === "statuses") return optionLabel(INITIATIVE_STATUSES, value) || value || "(no status)";
    if (key === "owners") return value === NONE ? "No owner" : value;
    return value === NONE ? "No tag" : value;
  };
  const result = {} as Record<FilterDimension, FilterChoice[]>;
  for (const { key } of FILTER_DIMENSIONS) {
    result[key] = Array.from(counts[key], ([value, count]) => ({
      value,
      label: label(key, value),
      count,
      ...(key === "modelIds" && models.get(value) ? { color: models.get(value)?.color } : {}),
    })).sort((a, b) => Number(a.value === NONE) - Number(b.value === NONE) || a.label.localeCompare(b.label));
  }
  return result;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string").slice(0, 500) : [];
}

/** Filters read from a saved view (document data from any client: never trusted as typed). */
export function parseFilters(value: unknown): BoardFilters {
  if (typeof value !== "object" || value === null) return NO_FILTERS;
  const raw = value as Record<string, unknown>;
  return {
    owners: stringList(raw.owners),
    modelIds: stringList(raw.modelIds),
    families: stringList(raw.families),
    tags: stringList(raw.tags),
    statuses: stringList(raw.statuses),
    mode: raw.mode === "hide" ? "hide" : "dim",
  };
}

export function toggleValue(filters: BoardFilters, key: FilterDimension, value: string): BoardFilters {
  const current = filters[key];
  return { ...filters, [key]: current.includes(value) ? current.filter((item) => item !== value) : [...current, value] };
}

/**
 * Title search: case-insensitive, titles starting with the query first, then titles with a word
 * starting with it, then any substring; ties alphabetical.
 */
export function searchByTitle(initiatives: Iterable<InitiativeContent>, query: string, limit = 8): InitiativeContent[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const scored: { initiative: InitiativeContent; rank: number; title: string }[] = [];
  for (const initiative of initiatives) {
    const title = initiative.title.toLowerCase();
    const at = title.indexOf(needle);
    if (at < 0) continue;
    const rank = at === 0 ? 0 : /[\s\-/(]/.test(title[at - 1] ?? "") ? 1 : 2;
    scored.push({ initiative, rank, title });
  }
  scored.sort((a, b) => a.rank - b.rank || a.title.localeCompare(b.title) || a.initiative.id.localeCompare(b.initiative.id));
  return scored.slice(0, limit).map((entry) => entry.initiative);
}
