/**
 * Plain (JSON) shapes of board content: the export format, the input of the semantic diff and
 * of layout projections. The live Y.Doc is read into these by `readBoard` in schema.ts.
 */

export type ModelFamily = "team-shape" | "funding" | "collaboration";

export interface ModelContent {
  id: string;
  name: string;
  summary: string;
  good: string;
  risk: string;
  color: string;
  family: ModelFamily | string;
  /** Optional attributes from the default library (strings so boards may edit them freely). */
  coordination?: string;
  reversibility?: string;
  proximity?: string;
  hidden?: boolean;
  [field: string]: unknown;
}

export interface InitiativeContent {
  id: string;
  title: string;
  notes: string;
  modelId: string | null;
  owner: string;
  status: string;
  x: number;
  y: number;
  /** Optional fields of DESIGN.md; absent means "not set". */
  [field: string]: unknown;
}

export interface LinkContent {
  id: string;
  from: string;
  to: string;
  label: string;
  [field: string]: unknown;
}

export interface NoteContent {
  id: string;
  text: string;
  x: number;
  y: number;
  color: string;
  [field: string]: unknown;
}

export interface BoardContent {
  meta: { schemaVersion: number; title: string; [field: string]: unknown };
  models: Record<string, ModelContent>;
  initiatives: Record<string, InitiativeContent>;
  links: Record<string, LinkContent>;
  notes: Record<string, NoteContent>;
}

export type ItemKind = "initiative" | "model" | "link" | "note";
