import { INITIATIVE_FIELDS, initiativeField, type FieldSpec } from "./fields";
import { newId } from "./mutations";
import type { BoardContent, InitiativeContent, ModelContent } from "./types";
import { initiativeSchema } from "./validate";

/**
 * CSV export and import of initiatives: one row per initiative with every field, model names
 * resolved, RFC 4180 quoting. Import reports errors per row and field instead of failing whole.
 */

/** Columns derived for people reading the sheet; import reads `model` only when `modelId` is absent. */
const DERIVED_COLUMNS = ["model", "modelFamily", "teamShape", "collaboration"] as const;
const MODEL_NAME_COLUMNS: Record<string, string> = {
  model: "modelId",
  teamShape: "teamShapeId",
  collaboration: "collaborationId",
};

/** Known columns in sheet order; investment splits into amount and unit. */
const FIELD_COLUMNS: readonly string[] = [
  "id",
  ...INITIATIVE_FIELDS.flatMap((spec) =>
    spec.type === "investment" ? ["investmentAmount", "investmentUnit"] : [spec.name],
  ),
  "x",
  "y",
];

const TEXT_TYPES = new Set(["text", "longtext", "string", "url"]);
/** Spreadsheet apps run cells that start with these as formulas (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export interface CsvRowError {
  /** Line of the sheet as a spreadsheet shows it: the header is row 1. */
  row: number;
  field: string;
  message: string;
}

export interface CsvImportResult {
  /** Initiatives of the rows without errors, ready for `createInitiative`-style writes. */
  initiatives: InitiativeContent[];
  errors: CsvRowError[];
}

// ---------------------------------------------------------------------------------------------
// RFC 4180 writing and reading

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function unguardFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteCell).join(",")).join("\r\n") + "\r\n";
}

export interface ParsedCsv {
  rows: string[][];
  /** Set when a quoted cell never closes: the line where it opened. */
  unterminatedQuoteAtRow?: number;
}

/** Parses RFC 4180 text (CRLF or LF, quoted cells with commas, quotes and newlines). */
export function parseCsv(text: string): ParsedCsv {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let inQuotes = false;
  let quoteOpenedAtRow = 0;
  let index = 0;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = "";
  };
  while (index < source.length) {
    const char = source[index];
    if (inQuotes) {
      if (char === '"' && source[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') inQuotes = false;
      else cell += char;
      index++;
      continue;
    }
    if (char === '"' && cell === "") {
      inQuotes = true;
      quoteOpenedAtRow = rows.length + 1;
    } else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && source[index + 1] === "\n") index++;
      endRow();
    } else {
      cell += char;
    }
    index++;
  }
  if (cell !== "" || row.length > 0) endRow();
  return inQuotes ? { rows, unterminatedQuoteAtRow: quoteOpenedAtRow } : { rows };
}

// ---------------------------------------------------------------------------------------------
// Export

function modelName(models: Record<string, ModelContent>, id: unknown): string {
  return typeof id === "string" ? (models[id]?.name ?? "") : "";
}

function cellOf(initiative: InitiativeContent, column: string): string {
  if (column === "investmentAmount" || column === "investmentUnit") {
    const investment = initiative.investment as { amount?: unknown; unit?: unknown } | undefined;
    const value = column === "investmentAmount" ? investment?.amount : investment?.unit;
    return value === undefined || value === null ? "" : String(value);
  }
  const value = initiative[column];
  if (value === undefined || value === null) return "";
  if (Array.isArray(value) && initiativeField(column)?.type === "tags") return value.join("; ");
  if (typeof value === "string") {
    const type = initiativeField(column)?.type;
    return type === undefined || TEXT_TYPES.has(type) ? guardFormula(value) : value;
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** One row per initiative (ordered by title), every field as a column, model names resolved. */
export function exportInitiativesCsv(content: BoardContent): string {
  const initiatives = Object.values(content.initiatives).sort(
    (a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
  );
  const known = new Set([...FIELD_COLUMNS, "investment"]);
  const extra = Array.from(
    new Set(initiatives.flatMap((initiative) => Object.keys(initiative).filter((key) => !known.has(key)))),
  ).sort();
  const header = [...FIELD_COLUMNS, ...DERIVED_COLUMNS, ...extra];
  const rows = initiatives.map((initiative) => [
    ...FIELD_COLUMNS.map((column) => cellOf(initiative, column)),
    guardFormula(modelName(content.models, initiative.modelId)),
    guardFormula(
      typeof initiative.modelId === "string" ? (content.models[initiative.modelId]?.family ?? "") : "",
    ),
    guardFormula(modelName(content.models, initiative.teamShapeId)),
    guardFormula(modelName(content.models, initiative.collaborationId)),
    ...extra.map((column) => cellOf(initiative, column)),
  ]);
  return toCsv([header, ...rows]);
}

// ---------------------------------------------------------------------------------------------
// Import

type FieldParse = { value: unknown } | { error: string };

function matchOption(spec: FieldSpec, raw: string): FieldParse {
  const wanted = raw.toLowerCase();
  const option = spec.options?.find(
    (candidate) => candidate.value.toLowerCase() === wanted || candidate.label.toLowerCase() === wanted,
  );
  if (option) return { value: option.value };
  return { error: `must be one of ${spec.options?.map((candidate) => candidate.value).join(", ")}` };
}

function parseNumber(raw: string): number | undefined {
  const value = Number(raw);
  return raw.trim() !== "" && Number.isFinite(value) ? value : undefined;
}

function parseField(spec: FieldSpec, raw: string): FieldParse {
  switch (spec.type) {
    case "enum":
      return matchOption(spec, raw);
    case "scale": {
      const value = parseNumber(raw);
      const min = spec.min ?? -Infinity;
      const max = spec.max ?? Infinity;
      if (value === undefined || !Number.isInteger(value) || value < min || value > max) {
        return { error: `must be a whole number from ${min} to ${max}` };
      }
      return { value };
    }
    case "number": {
      const value = parseNumber(raw);
      return value === undefined ? { error: "must be a number" } : { value };
    }
    case "date":
    case "datetime":
      return Number.isNaN(Date.parse(raw)) || !/^\d{4}-\d{2}-\d{2}/.test(raw)
        ? { error: "must be an ISO-8601 date (YYYY-MM-DD)" }
        : { value: raw };
    case "tags":
      return { value: raw.split(/[;,]/).map((tag) => tag.trim()).filter(Boolean) };
    default:
      return { value: unguardFormula(raw) };
  }
}

/** Extra (board-specific) cells that read as JSON numbers, booleans, arrays or objects become those. */
function parseExtraCell(raw: string): unknown {
  if (/^([[{]|-?\d|true$|false$)/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return unguardFormula(raw);
}

function resolveModel(models: Record<string, ModelContent>, raw: string): string | undefined {
  if (models[raw]) return raw;
  const wanted = raw.toLowerCase();
  return Object.values(models).find((model) => model.name.toLowerCase() === wanted)?.id;
}

/** Spreadsheet headers may use a field's name or its label, in any case. */
function columnField(header: string): string {
  const trimmed = header.trim();
  const lower = trimmed.toLowerCase();
  const known = [...FIELD_COLUMNS, ...DERIVED_COLUMNS].find((column) => column.toLowerCase() === lower);
  if (known) return known;
  return INITIATIVE_FIELDS.find((spec) => spec.label.toLowerCase() === lower)?.name ?? trimmed;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,120}$/;
const SAFE_FIELD = /^[A-Za-z][A-Za-z0-9_]{0,60}$/;
const GRID_COLUMNS = 6;
const GRID_STEP_X = 260;
const GRID_STEP_Y = 160;

/**
 * Reads initiatives from CSV. Models are given by `modelId` or by name in `model`; rows
 * without x/y are laid out in a grid. A row with any error is reported, not returned.
 */
export function importInitiativesCsv(text: string, models: Record<string, ModelContent>): CsvImportResult {
  const parsed = parseCsv(text);
  const errors: CsvRowError[] = [];
  if (parsed.unterminatedQuoteAtRow !== undefined) {
    errors.push({ row: parsed.unterminatedQuoteAtRow, field: "(csv)", message: "a quoted cell is never closed" });
  }
  const [headerRow, ...dataRows] = parsed.rows;
  if (!headerRow || !headerRow.some((cell) => cell.trim() !== "")) {
    return { initiatives: [], errors: [...errors, { row: 1, field: "(header)", message: "the header row is missing" }] };
  }
  const columns = headerRow.map(columnField);
  if (!columns.includes("title")) errors.push({ row: 1, field: "title", message: "a title column is required" });
  for (const column of columns) {
    if (!SAFE_FIELD.test(column)) errors.push({ row: 1, field: column, message: "is not a usable field name" });
  }
  if (errors.length > 0) return { initiatives: [], errors };

  const initiatives: InitiativeContent[] = [];
  const rowOfId = new Map<string, number>();
  dataRows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === "")) return;
    const rowErrors: CsvRowError[] = [];
    const fail = (field: string, message: string) => rowErrors.push({ row, field, message });
    const values = new Map<string, string>();
    columns.forEach((column, columnIndex) => {
      const raw = (cells[columnIndex] ?? "").trim();
      if (raw !== "") values.set(column, raw);
    });
    if (cells.length > columns.length) fail("(csv)", `has ${cells.length} cells but the header has ${columns.length}`);

    const fields: Record<string, unknown> = {};
    for (const [column, raw] of values) {
      if (column === "id" || column === "x" || column === "y" || column === "modelFamily") continue;
      if (column === "investmentAmount" || column === "investmentUnit") continue;
      if (column in MODEL_NAME_COLUMNS) continue;
      const spec = initiativeField(column);
      if (!spec) {
        fields[column] = parseExtraCell(raw);
        continue;
      }
      const result = parseField(spec, raw);
      if ("error" in result) fail(column, result.error);
      else fields[column] = result.value;
    }

    for (const [nameColumn, idColumn] of Object.entries(MODEL_NAME_COLUMNS)) {
      const byId = values.get(idColumn);
      const byName = values.get(nameColumn);
      const wanted = byId ?? byName;
      if (wanted === undefined) continue;
      const resolved = resolveModel(models, unguardFormula(wanted));
      if (resolved) fields[idColumn] = resolved;
      else fail(byId !== undefined ? idColumn : nameColumn, `names no model in this board ("${wanted}")`);
    }

    const amount = values.get("investmentAmount");
    const unit = values.get("investmentUnit");
    if (amount !== undefined || unit !== undefined) {
      const parsedAmount = amount === undefined ? undefined : parseNumber(amount);
      if (parsedAmount === undefined || parsedAmount < 0) fail("investmentAmount", "must be a number of at least 0");
      else if (unit === undefined) fail("investmentUnit", "is needed when investmentAmount is set");
      else fields.investment = { amount: parsedAmount, unit };
    }

    const position = { x: (index % GRID_COLUMNS) * GRID_STEP_X, y: Math.floor(index / GRID_COLUMNS) * GRID_STEP_Y };
    for (const axis of ["x", "y"] as const) {
      const raw = values.get(axis);
      if (raw === undefined) continue;
      const value = parseNumber(raw);
      if (value === undefined) fail(axis, "must be a number");
      else position[axis] = value;
    }

    const givenId = values.get("id");
    if (givenId !== undefined && !SAFE_ID.test(givenId)) fail("id", "may hold only letters, digits, - and _");
    const firstRowWithId = givenId === undefined ? undefined : rowOfId.get(givenId);
    if (firstRowWithId !== undefined) fail("id", `repeats the id of row ${firstRowWithId}`);
    else if (givenId !== undefined) rowOfId.set(givenId, row);
    if (!fields.title) fail("title", "must not be empty");

    const initiative: InitiativeContent = {
      ...fields,
      id: givenId ?? newId("ini"),
      title: String(fields.title ?? ""),
      notes: typeof fields.notes === "string" ? fields.notes : "",
      bet: typeof fields.bet === "string" ? fields.bet : "",
      modelId: typeof fields.modelId === "string" ? fields.modelId : null,
      owner: typeof fields.owner === "string" ? fields.owner : "",
      status: typeof fields.status === "string" ? fields.status : "idea",
      ...position,
    };
    // The board schema's limits (lengths, coordinate range, tag count) apply to CSV rows too,
    // reported here per row instead of later for the whole board.
    if (rowErrors.length === 0) {
      const checked = initiativeSchema.safeParse(initiative);
      if (!checked.success) {
        for (const issue of checked.error.issues) fail(String(issue.path[0] ?? "(row)"), issue.message);
      }
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else initiatives.push(initiative);
  });
  return { initiatives, errors };
}
