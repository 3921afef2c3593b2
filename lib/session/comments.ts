import * as Y from "yjs";
import { newId } from "../board/mutations";
import type { TransactionOrigin } from "../board/origins";

/**
 * Comment threads in `doc.getMap("comments")` (thread id → Y.Map). A thread names its
 * initiative by id instead of living inside it, so deleting the card leaves the discussion —
 * and a decision recorded there — in the document and its history; such threads are "orphaned"
 * and listed apart. A thread on a free canvas spot has x/y instead of an initiative.
 */

export interface CommentContent {
  id: string;
  author: string;
  text: string;
  at: number;
}

export interface ThreadContent {
  id: string;
  initiativeId: string | null;
  /** Board coordinates of a thread pinned to the canvas (null for a card's thread). */
  x: number | null;
  y: number | null;
  createdAt: number;
  createdBy: string;
  resolved: boolean;
  resolvedBy: string;
  /** This thread is the decision behind a change on its initiative. */
  decision: boolean;
  comments: CommentContent[];
}

export const MAX_COMMENT_LENGTH = 4000;

export function commentsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap("comments");
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function readComment(value: unknown): CommentContent | null {
  if (typeof value !== "object" || value === null) return null;
  const raw = value as Record<string, unknown>;
  const id = str(raw.id);
  return id ? { id, author: str(raw.author), text: str(raw.text), at: num(raw.at) ?? 0 } : null;
}

export function readThread(id: string, map: Y.Map<unknown>): ThreadContent {
  const comments: CommentContent[] = [];
  const list = map.get("comments");
  if (list instanceof Y.Array) {
    for (const value of list.toArray()) {
      const comment = readComment(value);
      if (comment) comments.push(comment);
    }
  }
  const initiativeId = str(map.get("initiativeId"));
  return {
    id,
    initiativeId: initiativeId || null,
    x: num(map.get("x")),
    y: num(map.get("y")),
    createdAt: num(map.get("createdAt")) ?? 0,
    createdBy: str(map.get("createdBy")),
    resolved: map.get("resolved") === true,
    resolvedBy: str(map.get("resolvedBy")),
    decision: map.get("decision") === true,
    comments,
  };
}

/** Every thread, oldest first. */
export function readThreads(doc: Y.Doc): ThreadContent[] {
  const threads: ThreadContent[] = [];
  commentsMap(doc).forEach((map, id) => {
    if (map instanceof Y.Map) threads.push(readThread(id, map));
  });
  return threads.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

function cleanText(text: string): string {
  return text.trim().slice(0, MAX_COMMENT_LENGTH);
}

export interface NewThread {
  text: string;
  author: string;
  now: number;
  initiativeId?: string;
  x?: number;
  y?: number;
}

/** Opens a thread with its first comment; null when the text is empty or it has no anchor. */
export function createThread(doc: Y.Doc, thread: NewThread, origin: TransactionOrigin): string | null {
  const text = cleanText(thread.text);
  const onCanvas = Number.isFinite(thread.x) && Number.isFinite(thread.y);
  if (!text || (!thread.initiativeId && !onCanvas)) return null;
  const id = newId("thr");
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set("initiativeId", thread.initiativeId ?? null);
    map.set("x", thread.initiativeId ? null : Math.round(thread.x ?? 0));
    map.set("y", thread.initiativeId ? null : Math.round(thread.y ?? 0));
    map.set("createdAt", thread.now);
    map.set("createdBy", thread.author);
    map.set("resolved", false);
    map.set("resolvedBy", "");
    map.set("decision", false);
    const comments = new Y.Array<unknown>();
    comments.push([{ id: newId("cmt"), author: thread.author, text, at: thread.now }]);
    map.set("comments", comments);
    commentsMap(doc).set(id, map);
  }, origin);
  return id;
}

export function addReply(doc: Y.Doc, threadId: string, reply: { text: string; author: string; now: number }, origin: TransactionOrigin): boolean {
  const list = commentsMap(doc).get(threadId)?.get("comments");
  const text = cleanText(reply.text);
  if (!(list instanceof Y.Array) || !text) return false;
  doc.transact(() => list.push([{ id: newId("cmt"), author: reply.author, text, at: reply.now }]), origin);
  return true;
}

export function setThreadResolved(doc: Y.Doc, threadId: string, resolved: boolean, by: string, origin: TransactionOrigin): boolean {
  const map = commentsMap(doc).get(threadId);
  if (!(map instanceof Y.Map)) return false;
  doc.transact(() => {
    map.set("resolved", resolved);
    map.set("resolvedBy", resolved ? by : "");
  }, origin);
  return true;
}

export function setThreadDecision(doc: Y.Doc, threadId: string, decision: boolean, origin: TransactionOrigin): boolean {
  const map = commentsMap(doc).get(threadId);
  if (!(map instanceof Y.Map)) return false;
  doc.transact(() => map.set("decision", decision), origin);
  return true;
}

/** Unresolved threads per initiative id (for the badge on each card). */
export function openThreadCounts(threads: readonly ThreadContent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of threads) {
    if (thread.resolved || !thread.initiativeId) continue;
    counts.set(thread.initiativeId, (counts.get(thread.initiativeId) ?? 0) + 1);
  }
  return counts;
}

/** Threads whose initiative no longer exists on the board. */
export function orphanedThreads(threads: readonly ThreadContent[], initiativeIds: ReadonlySet<string>): ThreadContent[] {
  return threads.filter((thread) => thread.initiativeId !== null && !initiativeIds.has(thread.initiativeId));
}

export function threadsOf(threads: readonly ThreadContent[], initiativeId: string): ThreadContent[] {
  return threads.filter((thread) => thread.initiativeId === initiativeId);
}
