import * as Y from "yjs";
import { initializeBoard, writeBoardContent } from "../lib/board/schema";
import type { BoardContent } from "../lib/board/types";
import { generateId, generateToken, hashToken } from "./auth/tokens";
import type { BoardRecord, Role, Storage } from "./storage/types";

export interface CreatedBoard {
  id: string;
  title: string;
  editToken: string;
  viewToken: string;
  editUrl: string;
  viewUrl: string;
}

/** Share links carry the token in the fragment, so it never reaches server logs or referrers. */
export function boardUrl(publicUrl: string, boardId: string, token: string): string {
  return `${publicUrl}/b/${encodeURIComponent(boardId)}#token=${token}`;
}

/**
 * Creates a board: a fresh document (default model library, or the given content), its two
 * capability tokens (only their digests are stored) and its initial checkpoint.
 */
export async function createBoard(
  storage: Storage,
  publicUrl: string,
  input: { title: string; content?: BoardContent; source: "template" | "json" | "csv" },
): Promise<CreatedBoard> {
  const doc = new Y.Doc();
  if (input.content) {
    writeBoardContent(doc, { ...input.content, meta: { ...input.content.meta, title: input.title } }, { kind: "import", source: input.source });
  } else {
    initializeBoard(doc, { title: input.title });
  }
  const now = Date.now();
  const board: BoardRecord = { id: generateId(), title: input.title, createdAt: now, updatedAt: now };
  const editToken = generateToken();
  const viewToken = generateToken();
  await storage.createBoard(board, { edit: hashToken(editToken), view: hashToken(viewToken) }, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return {
    id: board.id,
    title: board.title,
    editToken,
    viewToken,
    editUrl: boardUrl(publicUrl, board.id, editToken),
    viewUrl: boardUrl(publicUrl, board.id, viewToken),
  };
}

/** Replaces a role's token; returns the new token. The old digest stops matching at once. */
export async function rotateToken(storage: Storage, boardId: string, role: Role): Promise<string> {
  const token = generateToken();
  await storage.replaceToken(boardId, role, hashToken(token));
  return token;
}
