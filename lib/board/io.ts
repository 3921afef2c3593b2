import * as Y from "yjs";
import type { TransactionOrigin } from "./origins";
import { writeBoardContent } from "./schema";
import type { BoardContent } from "./types";

/**
 * Export and import of board content. JSON is `readBoard` itself (validated on the way in by
 * validate.ts); CSV, Markdown and SVG live in their own modules and are re-exported here.
 */

export { exportInitiativesCsv, importInitiativesCsv, parseCsv, toCsv } from "./csv";
export type { CsvImportResult, CsvRowError, ParsedCsv } from "./csv";
export { escapeMarkdown, exportMarkdown } from "./markdown";
export { CARD_HEIGHT, CARD_WIDTH, escapeXml, exportSvg, NOTE_HEIGHT, NOTE_WIDTH, wrapText } from "./svg";

/** Makes `doc` hold exactly `content`, as one transaction with `origin` (import or restore). */
export function loadContentInto(doc: Y.Doc, content: BoardContent, origin: TransactionOrigin): void {
  writeBoardContent(doc, content, origin);
}

/** A new document holding `content`. */
export function boardFromContent(
  content: BoardContent,
  origin: TransactionOrigin = { kind: "import", source: "json" },
): Y.Doc {
  const doc = new Y.Doc();
  loadContentInto(doc, content, origin);
  return doc;
}
