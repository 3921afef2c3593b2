import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createInitiative, deleteInitiative } from "@/lib/board/mutations";
import { localUserOrigin } from "@/lib/board/origins";
import { boardMaps } from "@/lib/board/schema";
import {
  addReply,
  createThread,
  openThreadCounts,
  orphanedThreads,
  readThreads,
  setThreadDecision,
  setThreadResolved,
  threadsOf,
} from "@/lib/session/comments";

const origin = localUserOrigin("Ana");

describe("comment threads", () => {
  it("threads on a card and on the canvas, with replies, resolve and decision", () => {
    const doc = new Y.Doc();
    const card = createInitiative(doc, { title: "Checkout", x: 0, y: 0 }, origin);
    const onCard = createThread(doc, { initiativeId: card, text: "  Why a venture bet?  ", author: "Ana", now: 1 }, origin);
    const onCanvas = createThread(doc, { x: 400.4, y: -20, text: "Gap here", author: "Ben", now: 2 }, origin);
    expect(createThread(doc, { text: "   ", author: "Ana", now: 3, initiativeId: card }, origin)).toBeNull();
    expect(createThread(doc, { text: "no anchor", author: "Ana", now: 3 }, origin)).toBeNull();
    if (!onCard || !onCanvas) throw new Error("threads not created");
    expect(addReply(doc, onCard, { text: "Demand is unproven", author: "Ben", now: 4 }, origin)).toBe(true);
    expect(addReply(doc, onCard, { text: "", author: "Ben", now: 5 }, origin)).toBe(false);

    let threads = readThreads(doc);
    expect(threads.map((thread) => thread.id)).toEqual([onCard, onCanvas]);
    expect(threads[0]?.comments.map((comment) => `${comment.author}: ${comment.text}`)).toEqual(["Ana: Why a venture bet?", "Ben: Demand is unproven"]);
    expect(threads[1]).toMatchObject({ initiativeId: null, x: 400, y: -20 });
    expect([...openThreadCounts(threads)]).toEqual([[card, 1]]);

    setThreadResolved(doc, onCard, true, "Ana", origin);
    setThreadDecision(doc, onCard, true, origin);
    threads = readThreads(doc);
    expect(threadsOf(threads, card)[0]).toMatchObject({ resolved: true, resolvedBy: "Ana", decision: true });
    expect(openThreadCounts(threads).size).toBe(0);
    setThreadResolved(doc, onCard, false, "Ben", origin);
    expect(openThreadCounts(readThreads(doc)).get(card)).toBe(1);
  });

  it("a thread outlives its card's deletion and is listed as orphaned", () => {
    const doc = new Y.Doc();
    const card = createInitiative(doc, { title: "Legacy CRM", x: 0, y: 0 }, origin);
    const thread = createThread(doc, { initiativeId: card, text: "We decided to stop this", author: "Ana", now: 1 }, origin);
    deleteInitiative(doc, card, origin);
    const ids = new Set(boardMaps(doc).initiatives.keys());
    const threads = readThreads(doc);
    expect(threads.map((entry) => entry.id)).toEqual([thread]);
    expect(orphanedThreads(threads, ids).map((entry) => entry.id)).toEqual([thread]);
  });

  it("concurrent replies from two replicas are both kept", () => {
    const left = new Y.Doc();
    const right = new Y.Doc();
    const thread = createThread(left, { x: 0, y: 0, text: "Start", author: "Ana", now: 1 }, origin);
    if (!thread) throw new Error("no thread");
    Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
    addReply(left, thread, { text: "From left", author: "Ana", now: 2 }, origin);
    addReply(right, thread, { text: "From right", author: "Ben", now: 2 }, origin);
    Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
    Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
    const texts = (doc: Y.Doc) => readThreads(doc)[0]?.comments.map((comment) => comment.text).sort();
    expect(texts(left)).toEqual(["From left", "From right", "Start"]);
    expect(texts(left)).toEqual(texts(right));
  });
});
