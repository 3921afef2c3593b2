/** What each part of `npm run bench` hands the report. */
import { z } from "zod";

export type PartOutcome<Data> =
  | { status: "measured"; seconds: number; data: Data }
  | { status: "skipped" | "failed"; seconds: number; reason: string };

/** One line of the DESIGN.md targets table. */
export interface TargetRow {
  name: string;
  measured: string;
  /** true or false against the target; null when not measured; a string says why there is no verdict. */
  met: boolean | null | string;
}

export function metCell(met: TargetRow["met"]): string {
  if (met === null) return "not measured";
  if (typeof met === "string") return met;
  return met ? "yes" : "**no**";
}

/** A schema failure as one line, for a table cell. */
export function oneLine(error: z.ZodError): string {
  return z.prettifyError(error).replace(/\s*\n\s*/g, "; ");
}
