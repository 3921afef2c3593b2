import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { assignModel, createInitiative, deleteInitiative, moveInitiative, setInitiativeText } from "@/lib/board/mutations";
import { localUserOrigin } from "@/lib/board/origins";
import { initializeBoard, readBoard } from "@/lib/board/schema";
import { backoffCeilingMs, jitteredBackoffMs } from "@/lib/session/backoff";
import { approach, pendingGather, readTyping, readViewport } from "@/lib/session/awareness";
import { decodeVisit, encodeVisit, parseServerDiff, summarizeSinceVisit, summarizeVisitDiff } from "@/lib/session/visit";

const origin = localUserOrigin("Ben");

describe("since your last visit", () => {
  it("summarises what changed since the remembered board and highlights those cards", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Review" });
    const kept = createInitiative(doc, { title: "Checkout", x: 0, y: 0 }, origin);
    const moved = createInitiative(doc, { title: "Search", x: 0, y: 0 }, origin);
    const removed = createInitiative(doc, { title: "Legacy CRM", x: 0, y: 0 }, origin);
    const untouched = createInitiative(doc, { title: "Billing", x: 0, y: 0 }, origin);
    const visit = decodeVisit(encodeVisit({ at: "2026-01-01T00:00:00.000Z", board: readBoard(doc) }));
    if (!visit) throw new Error("visit did not round-trip");

    const added = createInitiative(doc, { title: "Pricing", x: 10, y: 10 }, origin);
    setInitiativeText(doc, kept, "title", "Checkout v2", origin);
    assignModel(doc, kept, "staged-venture-bet", "prove demand", origin);
    moveInitiative(doc, moved, 300, 40, origin);
    deleteInitiative(doc, removed, origin);

    const summary = summarizeSinceVisit(visit, readBoard(doc), "2026-01-02T00:00:00.000Z");
    expect(summary?.counts).toEqual({ added: 1, removed: 1, changed: 2 });
    expect(summary?.highlightIds.sort()).toEqual([added, kept, moved].sort());
    expect(summary?.highlightIds).not.toContain(untouched);
    expect(summary?.lines).toEqual(
      expect.arrayContaining([
        'added initiative "Pricing"',
        'removed initiative "Legacy CRM"',
        'retitled "Checkout" to "Checkout v2"',
        'moved initiative "Search"',
      ]),
    );
    expect(summary?.lines.some((line) => line.startsWith('re-modelled "Checkout v2"'))).toBe(true);
    expect(summary?.withAuthors).toBe(false);
    expect(summarizeSinceVisit(visit, visit.board, "now")).toBeNull();
  });

  it("uses the authors of a server diff", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Review" });
    const id = createInitiative(doc, { title: "Checkout", x: 0, y: 0 }, origin);
    const diff = parseServerDiff({
      from: "a",
      to: "b",
      added: [{ id, kind: "initiative", title: "Checkout", item: {}, authors: ["Ben", 7] }],
      removed: [],
      changed: [],
    });
    if (!diff) throw new Error("diff rejected");
    const summary = summarizeVisitDiff(diff, readBoard(doc), "a");
    expect(summary?.lines).toEqual(['added initiative "Checkout" (Ben)']);
    expect(summary?.withAuthors).toBe(true);
    expect(parseServerDiff({ error: { code: "not_found" } })).toBeNull();
    expect(decodeVisit("{broken")).toBeNull();
  });
});

describe("reconnect backoff", () => {
  it("waits a random share of an exponentially growing, capped ceiling", () => {
    expect([0, 1, 2, 3, 10].map((attempt) => backoffCeilingMs(attempt))).toEqual([500, 1000, 2000, 4000, 10_000]);
    expect(jitteredBackoffMs(3, () => 0.5)).toBe(2000);
    expect(jitteredBackoffMs(3, () => 0)).toBe(50);
    const delays = new Set(Array.from({ length: 50 }, (_, index) => jitteredBackoffMs(4, () => index / 50)));
    expect(delays.size).toBe(50);
  });
});

describe("session awareness fields", () => {
  it("reads only well-formed peer fields", () => {
    expect(readViewport({ x: 1, y: 2, zoom: 0.5 })).toEqual({ x: 1, y: 2, zoom: 0.5 });
    expect(readViewport({ x: 1, y: 2, zoom: 0 })).toBeNull();
    expect(readViewport("x")).toBeNull();
    expect(readTyping({ id: "ini_1", field: "title" })).toEqual({ id: "ini_1", field: "title" });
    expect(readTyping({ id: 3, field: "title" })).toBeNull();
  });

  it("obeys the newest gather request it has not walked away from", () => {
    const requests = [
      { by: 1, at: 100 },
      { by: 2, at: 300 },
      { by: 9, at: 500 },
    ];
    expect(pendingGather(requests, 0, 9)).toEqual({ by: 2, at: 300 });
    expect(pendingGather(requests, 300, 9)).toBeNull();
    expect(pendingGather(requests, 0, 5)).toEqual({ by: 9, at: 500 });
  });

  it("eases a cursor toward its target and lands exactly", () => {
    let x = 0;
    for (let frame = 0; frame < 3; frame++) x = approach(x, 100, 16);
    expect(x).toBeGreaterThan(50);
    expect(x).toBeLessThan(100);
    for (let frame = 0; frame < 60; frame++) x = approach(x, 100, 16);
    expect(x).toBe(100);
  });
});
