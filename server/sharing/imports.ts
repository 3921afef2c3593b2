import { importInitiativesCsv, type CsvRowError } from "../../lib/board/csv";
import { DEFAULT_MODELS } from "../../lib/board/models";
import { emptyBoardContent } from "../../lib/board/schema";
import type { BoardContent, InitiativeContent } from "../../lib/board/types";
import { describeIssues, parseBoardContent } from "../../lib/board/validate";
import { ApiError, ErrorCode } from "../http/errors";

/** Board titles are at most this long (as POST /api/boards). */
export const TITLE_MAX = 200;

export function importTitle(raw: unknown, fallback: string): string {
  const title = typeof raw === "string" ? raw.trim().slice(0, TITLE_MAX) : "";
  return title || fallback;
}

/** Validates a JSON export; failures are 400s naming the field path (`initiatives.a.x: …`). */
export function contentFromJsonText(text: string): BoardContent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, ErrorCode.InvalidJson, "the body is not valid JSON");
  }
  const parsed = parseBoardContent(value);
  if (!parsed.ok) throw new ApiError(400, ErrorCode.ValidationFailed, describeIssues(parsed.issues));
  return parsed.content;
}

export interface CsvImportPreview {
  title: string;
  initiatives: InitiativeContent[];
  errors: CsvRowError[];
}

/** Reads a CSV of initiatives against the default model library (a new board gets it). */
export function previewCsvImport(text: string, title: string): CsvImportPreview {
  const models = Object.fromEntries(DEFAULT_MODELS.map((model) => [model.id, { ...model }]));
  const { initiatives, errors } = importInitiativesCsv(text, models);
  return { title, initiatives, errors };
}

/** The content of a new board holding the rows of a CSV preview that had no errors. */
export function contentFromCsvPreview(preview: CsvImportPreview): BoardContent {
  const content = emptyBoardContent(preview.title);
  for (const model of DEFAULT_MODELS) content.models[model.id] = { ...model };
  for (const initiative of preview.initiatives) content.initiatives[initiative.id] = initiative;
  // The CSV reader checks cells; the board schema checks what reaches the document.
  const parsed = parseBoardContent(content);
  if (!parsed.ok) throw new ApiError(400, ErrorCode.ValidationFailed, describeIssues(parsed.issues));
  return parsed.content;
}

/** One line for the error answer: the first row error and how many more there are. */
export function describeRowErrors(errors: readonly CsvRowError[]): string {
  const [first] = errors;
  if (!first) return "the CSV has no errors";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return `row ${first.row}, ${first.field}: ${first.message}${more}`;
}
