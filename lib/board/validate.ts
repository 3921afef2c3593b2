import { z } from "zod";
import {
  CONFIDENCE_MAX,
  CONFIDENCE_MIN,
  HEALTH_VALUES,
  HORIZONS,
  PROXIMITY_MAX,
  PROXIMITY_MIN,
  REVERSIBILITY_LEVELS,
  REVIEW_CADENCES,
} from "./fields";
import { SCHEMA_VERSION } from "./schema";
import type { BoardContent } from "./types";

/**
 * Zod schemas of the JSON export format (BoardContent), used where content enters from outside
 * (POST /api/boards/import). Unknown item fields pass through (clients may add fields); known
 * fields are checked, and every error names its path, e.g. `initiatives.ini_1.proximityCustomer`.
 */

/** Bounds that keep one import from exhausting memory or the document. */
export const CONTENT_LIMITS = {
  items: 20_000,
  idLength: 120,
  shortText: 500,
  longText: 20_000,
  tags: 50,
  coordinate: 1_000_000,
} as const;

const id = z.string().min(1, "must not be empty").max(CONTENT_LIMITS.idLength);
const shortText = z.string().max(CONTENT_LIMITS.shortText);
const longText = z.string().max(CONTENT_LIMITS.longText);
const coordinate = z
  .number()
  .refine(Number.isFinite, "must be a finite number")
  .refine((value) => Math.abs(value) <= CONTENT_LIMITS.coordinate, `must be within ±${CONTENT_LIMITS.coordinate}`);
const size = z
  .number()
  .refine(Number.isFinite, "must be a finite number")
  .positive("must be positive")
  .max(CONTENT_LIMITS.coordinate, `must be at most ${CONTENT_LIMITS.coordinate}`);
/** Hex colours or plain CSS colour names: nothing that could break out of an SVG attribute. */
const color = z.string().regex(/^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30})$/, "must be a hex colour like #2563eb");
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, "must be an ISO-8601 date (YYYY-MM-DD)")
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be a real date");
const optionValues = (options: readonly { value: string }[]) => options.map((option) => option.value) as [string, ...string[]];

export const investmentSchema = z.object({
  amount: z.number().refine(Number.isFinite, "must be a finite number").min(0, "must not be negative"),
  unit: z.string().min(1, "must name a unit").max(20),
});

export const modelSchema = z.looseObject({
  id: id.optional(),
  name: shortText.min(1, "must not be empty"),
  summary: longText.default(""),
  good: longText.default(""),
  risk: longText.default(""),
  color,
  family: shortText.default(""),
  hidden: z.boolean().optional(),
});

const proximity = z.number().int("must be a whole number").min(PROXIMITY_MIN).max(PROXIMITY_MAX);

export const initiativeSchema = z.looseObject({
  id: id.optional(),
  title: shortText,
  notes: longText.default(""),
  modelId: id.nullable().default(null),
  owner: shortText.default(""),
  status: shortText.default("idea"),
  x: coordinate,
  y: coordinate,
  bet: longText.optional(),
  teamShapeId: id.nullable().optional(),
  collaborationId: id.nullable().optional(),
  rationale: longText.optional(),
  modelChangedAt: isoDate.optional(),
  reversibility: z.enum(optionValues(REVERSIBILITY_LEVELS)).optional(),
  horizon: z.enum(optionValues(HORIZONS)).optional(),
  proximityCustomer: proximity.optional(),
  proximityOutcome: proximity.optional(),
  health: z.enum(optionValues(HEALTH_VALUES)).optional(),
  northStarInput: shortText.optional(),
  confidence: z.number().min(CONFIDENCE_MIN).max(CONFIDENCE_MAX).optional(),
  confidenceAt: isoDate.optional(),
  investment: investmentSchema.optional(),
  nextDecisionAt: isoDate.optional(),
  reviewCadence: z.enum(optionValues(REVIEW_CADENCES)).optional(),
  reviewedAt: isoDate.optional(),
  tags: z.array(shortText).max(CONTENT_LIMITS.tags).optional(),
  url: z.string().max(2_000).optional(),
});

export const linkSchema = z.looseObject({
  id: id.optional(),
  from: id,
  to: id,
  label: shortText.default(""),
  mode: id.optional(),
  purpose: shortText.optional(),
  endsAt: isoDate.optional(),
  blocking: z.boolean().optional(),
});

export const noteSchema = z.looseObject({
  id: id.optional(),
  text: longText.default(""),
  x: coordinate,
  y: coordinate,
  color: color.default("#fde68a"),
  /** `sticky` (the default), `text` or `frame`; other kinds from other clients pass as stickies. */
  kind: z.string().max(40).optional(),
  /** A frame's size. */
  width: size.optional(),
  height: size.optional(),
});

function collection<T extends z.ZodType>(item: T) {
  return z
    .record(id, item)
    .refine((record) => Object.keys(record).length <= CONTENT_LIMITS.items, `at most ${CONTENT_LIMITS.items} items`)
    .default({});
}

export const boardContentSchema = z
  .object({
    meta: z.looseObject({
      schemaVersion: z.number().int().min(1).max(SCHEMA_VERSION, `must be at most ${SCHEMA_VERSION}`).default(SCHEMA_VERSION),
      title: shortText.default(""),
    }),
    models: collection(modelSchema),
    initiatives: collection(initiativeSchema),
    links: collection(linkSchema),
    notes: collection(noteSchema),
  })
  .superRefine((content, context) => {
    for (const kind of ["models", "initiatives", "links", "notes"] as const) {
      for (const [key, item] of Object.entries(content[kind])) {
        if (item.id !== undefined && item.id !== key) {
          context.addIssue({ code: "custom", path: [kind, key, "id"], message: `must equal its key "${key}"` });
        }
      }
    }
  });

export interface ContentIssue {
  /** Dotted path of the offending field, e.g. `initiatives.ini_1.x`. */
  path: string;
  message: string;
}

export type ParseContentResult = { ok: true; content: BoardContent } | { ok: false; issues: ContentIssue[] };

export function issuesOf(error: z.ZodError): ContentIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  }));
}

/** One line naming the first failing field, for `{"error": {"message"}}` answers. */
export function describeIssues(issues: readonly ContentIssue[]): string {
  const [first] = issues;
  if (!first) return "invalid board content";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return `${first.path}: ${first.message}${more}`;
}

/**
 * Validates unknown JSON as board content, filling defaults and item ids from their keys.
 * Links whose ends name no initiative are dropped rather than refused: concurrent edits can
 * leave one in a live board (a link drawn while its card was deleted), and an export must
 * always import again.
 */
export function parseBoardContent(input: unknown): ParseContentResult {
  const result = boardContentSchema.safeParse(input);
  if (!result.success) return { ok: false, issues: issuesOf(result.error) };
  const parsed = result.data;
  const withIds = <T extends object>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).map(([key, item]) => [key, { ...item, id: key }]));
  const content: BoardContent = {
    meta: parsed.meta,
    models: withIds(parsed.models),
    initiatives: withIds(parsed.initiatives),
    links: withIds(
      Object.fromEntries(
        Object.entries(parsed.links).filter(([, link]) => link.from in parsed.initiatives && link.to in parsed.initiatives),
      ),
    ),
    notes: withIds(parsed.notes),
  };
  return { ok: true, content };
}
