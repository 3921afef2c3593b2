/**
 * The catalogue of initiative and link fields (DESIGN.md "Initiative fields beyond the
 * contract's minimum"): names, labels, value types and allowed values, so an inspector can
 * render every field and import/validation can check them from one source.
 */

export interface FieldOption {
  value: string;
  label: string;
}

export type FieldType =
  /** Collaborative Y.Text, single line. */
  | "text"
  /** Collaborative Y.Text, several lines. */
  | "longtext"
  /** A plain string (last writer wins). */
  | "string"
  | "enum"
  /** An integer scale from `min` to `max`. */
  | "scale"
  | "number"
  /** ISO-8601 date `YYYY-MM-DD`. */
  | "date"
  /** ISO-8601 timestamp. */
  | "datetime"
  /** The id of a model; `family` narrows the choice. */
  | "model"
  /** `{ amount: number, unit: string }`. */
  | "investment"
  | "tags"
  | "url"
  | "boolean"
  /** The id of an initiative. */
  | "initiative";

export type FieldGroup = "basics" | "model" | "position" | "progress" | "investment" | "reference";

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  group: FieldGroup;
  /** Short help line for inspectors and import errors. */
  help?: string;
  options?: readonly FieldOption[];
  min?: number;
  max?: number;
  /** For `model` fields: the model family offered first. */
  family?: string;
  /** Contract fields every initiative has. */
  required?: boolean;
  /** Set by the app, shown read-only. */
  readOnly?: boolean;
}

export const INITIATIVE_STATUSES: readonly FieldOption[] = [
  { value: "idea", label: "Idea" },
  { value: "proposed", label: "Proposed" },
  { value: "active", label: "Active" },
  { value: "paused", label: "Paused" },
  { value: "done", label: "Done" },
  { value: "stopped", label: "Stopped" },
];

export const HEALTH_VALUES: readonly FieldOption[] = [
  { value: "on-track", label: "On track" },
  { value: "at-risk", label: "At risk" },
  { value: "off-track", label: "Off track" },
];

export const HORIZONS: readonly FieldOption[] = [
  { value: "H1", label: "H1 — core business" },
  { value: "H2", label: "H2 — emerging" },
  { value: "H3", label: "H3 — future options" },
];

/** 0 adjacent … 3 far: distance from the customer or from the outcome. */
export const PROXIMITY_LEVELS: readonly FieldOption[] = [
  { value: "0", label: "0 — adjacent" },
  { value: "1", label: "1 — near" },
  { value: "2", label: "2 — removed" },
  { value: "3", label: "3 — far" },
];

export const REVIEW_CADENCES: readonly (FieldOption & { days: number })[] = [
  { value: "weekly", label: "Weekly", days: 7 },
  { value: "fortnightly", label: "Every two weeks", days: 14 },
  { value: "monthly", label: "Monthly", days: 31 },
  { value: "quarterly", label: "Quarterly", days: 92 },
  { value: "half-yearly", label: "Every six months", days: 183 },
  { value: "yearly", label: "Yearly", days: 366 },
];

export const INVESTMENT_UNITS: readonly FieldOption[] = [
  { value: "FTE", label: "People (FTE)" },
  { value: "k€", label: "Thousand euro" },
  { value: "k$", label: "Thousand dollars" },
  { value: "k£", label: "Thousand pounds" },
];

/** How hard a choice is to undo; unset means "as the model says". */
export const REVERSIBILITY_LEVELS: readonly FieldOption[] = [
  { value: "easy", label: "Easy to reverse" },
  { value: "moderate", label: "Moderate" },
  { value: "hard", label: "Hard to reverse" },
];

export const CONFIDENCE_MIN = 0;
export const CONFIDENCE_MAX = 100;
export const PROXIMITY_MIN = 0;
export const PROXIMITY_MAX = 3;

export const INITIATIVE_FIELDS: readonly FieldSpec[] = [
  { name: "title", label: "Title", type: "text", group: "basics", required: true },
  { name: "owner", label: "Owner", type: "string", group: "basics", required: true },
  { name: "status", label: "Status", type: "enum", group: "basics", options: INITIATIVE_STATUSES, required: true },
  { name: "notes", label: "Notes", type: "longtext", group: "basics", required: true },
  {
    name: "bet",
    label: "The bet",
    type: "longtext",
    group: "basics",
    help: "What we believe will happen if this works.",
  },
  { name: "modelId", label: "Model", type: "model", group: "model", family: "funding", required: true },
  { name: "teamShapeId", label: "Team shape", type: "model", group: "model", family: "team-shape" },
  { name: "collaborationId", label: "Collaboration mode", type: "model", group: "model", family: "collaboration" },
  {
    name: "rationale",
    label: "Why this model",
    type: "string",
    group: "model",
    help: "Asked for when the model changes.",
  },
  {
    name: "reversibility",
    label: "Reversibility",
    type: "enum",
    group: "model",
    options: REVERSIBILITY_LEVELS,
    help: "Unset means as the model says.",
  },
  { name: "modelChangedAt", label: "Model changed", type: "datetime", group: "model", readOnly: true },
  { name: "horizon", label: "Horizon", type: "enum", group: "position", options: HORIZONS },
  {
    name: "proximityCustomer",
    label: "Distance from customer",
    type: "scale",
    group: "position",
    min: PROXIMITY_MIN,
    max: PROXIMITY_MAX,
    options: PROXIMITY_LEVELS,
  },
  {
    name: "proximityOutcome",
    label: "Distance from outcome",
    type: "scale",
    group: "position",
    min: PROXIMITY_MIN,
    max: PROXIMITY_MAX,
    options: PROXIMITY_LEVELS,
  },
  { name: "northStarInput", label: "North Star input", type: "string", group: "position" },
  { name: "health", label: "Health", type: "enum", group: "progress", options: HEALTH_VALUES },
  {
    name: "confidence",
    label: "Confidence (%)",
    type: "scale",
    group: "progress",
    min: CONFIDENCE_MIN,
    max: CONFIDENCE_MAX,
  },
  { name: "confidenceAt", label: "Confidence set", type: "datetime", group: "progress", readOnly: true },
  { name: "reviewCadence", label: "Review cadence", type: "enum", group: "progress", options: REVIEW_CADENCES },
  {
    name: "reviewedAt",
    label: "Last reviewed",
    type: "date",
    group: "progress",
    help: "When the owner last confirmed this card; drives the stale hint.",
  },
  { name: "nextDecisionAt", label: "Next decision", type: "date", group: "progress" },
  { name: "investment", label: "Investment", type: "investment", group: "investment", options: INVESTMENT_UNITS },
  { name: "tags", label: "Tags", type: "tags", group: "reference" },
  { name: "url", label: "Link", type: "url", group: "reference" },
];

export const LINK_FIELDS: readonly FieldSpec[] = [
  { name: "from", label: "From", type: "initiative", group: "basics", required: true },
  { name: "to", label: "To", type: "initiative", group: "basics", required: true },
  { name: "label", label: "Label", type: "string", group: "basics", required: true },
  { name: "mode", label: "Collaboration mode", type: "model", group: "model", family: "collaboration" },
  { name: "purpose", label: "Purpose", type: "string", group: "basics" },
  { name: "endsAt", label: "Ends", type: "date", group: "progress" },
  { name: "blocking", label: "Blocking", type: "boolean", group: "progress" },
];

const INITIATIVE_FIELDS_BY_NAME = new Map(INITIATIVE_FIELDS.map((spec) => [spec.name, spec]));

export function initiativeField(name: string): FieldSpec | undefined {
  return INITIATIVE_FIELDS_BY_NAME.get(name);
}

export function optionLabel(options: readonly FieldOption[] | undefined, value: unknown): string {
  const match = options?.find((option) => option.value === String(value));
  return match ? match.label : String(value ?? "");
}

export function reviewCadenceDays(cadence: unknown): number | undefined {
  return REVIEW_CADENCES.find((option) => option.value === cadence)?.days;
}

export interface Investment {
  amount: number;
  unit: string;
}

export function isInvestment(value: unknown): value is Investment {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Investment).amount === "number" &&
    Number.isFinite((value as Investment).amount) &&
    typeof (value as Investment).unit === "string"
  );
}
