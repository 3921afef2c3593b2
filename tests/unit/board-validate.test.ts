import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { boardFromContent, loadContentInto } from "@/lib/board/io";
import { createInitiative, createLink, createNote } from "@/lib/board/mutations";
import { localUserOrigin } from "@/lib/board/origins";
import { initializeBoard, readBoard } from "@/lib/board/schema";
import { describeIssues, parseBoardContent } from "@/lib/board/validate";

const user = localUserOrigin("Ann");

function sampleContent() {
  const doc = new Y.Doc();
  initializeBoard(doc, { title: "Export me" });
  const a = createInitiative(
    doc,
    {
      title: "Pricing",
      x: 1,
      y: 2,
      modelId: "capital-project",
      horizon: "H2",
      proximityCustomer: 1,
      investment: { amount: 4, unit: "FTE" },
      tags: ["growth"],
      nextDecisionAt: "2025-05-01",
      bet: "Self-serve",
    },
    user,
  );
  const b = createInitiative(doc, { title: "Ledger", x: 300, y: 2 }, user);
  createLink(doc, { from: a, to: b, label: "needs", endsAt: "2025-09-01", blocking: true }, user);
  createNote(doc, { text: "Parking lot", x: 0, y: 400 }, user);
  return readBoard(doc);
}

describe("parseBoardContent", () => {
  it("accepts an export and round-trips it through a document", () => {
    const content = sampleContent();
    const parsed = parseBoardContent(JSON.parse(JSON.stringify(content)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.content).toEqual(content);
    expect(readBoard(boardFromContent(parsed.content))).toEqual(content);
  });

  it("fills defaults and ids from keys", () => {
    const parsed = parseBoardContent({
      meta: { title: "Minimal" },
      initiatives: { i1: { title: "Only a title", x: 0, y: 0 } },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.content.initiatives.i1).toEqual({
      id: "i1",
      title: "Only a title",
      notes: "",
      modelId: null,
      owner: "",
      status: "idea",
      x: 0,
      y: 0,
    });
    expect(parsed.content.models).toEqual({});
    expect(parsed.content.meta.schemaVersion).toBe(1);
  });

  it.each([
    [{ initiatives: { i1: { title: "t", x: "left", y: 0 } } }, "initiatives.i1.x"],
    [{ initiatives: { i1: { title: "t", x: 0, y: 0, proximityCustomer: 4 } } }, "initiatives.i1.proximityCustomer"],
    [{ initiatives: { i1: { title: "t", x: 0, y: 0, horizon: "H4" } } }, "initiatives.i1.horizon"],
    [{ initiatives: { i1: { title: "t", x: 0, y: 0, investment: { amount: -1, unit: "FTE" } } } }, "initiatives.i1.investment.amount"],
    [{ initiatives: { i1: { title: "t", x: 0, y: 0, nextDecisionAt: "soon" } } }, "initiatives.i1.nextDecisionAt"],
    [{ initiatives: { i1: { id: "other", title: "t", x: 0, y: 0 } } }, "initiatives.i1.id"],
    [{ models: { m: { name: "M", color: "red\" onload=\"x" } } }, "models.m.color"],
    [{ links: { l: { from: 3, to: "ghost" } } }, "links.l.from"],
    [{ notes: { n: { x: 0, y: Infinity } } }, "notes.n.y"],
    [{ meta: { title: 5 } }, "meta.title"],
  ])("names the failing field %#", (partial, path) => {
    const parsed = parseBoardContent({ meta: { title: "x" }, ...partial });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path)).toContain(path);
    expect(describeIssues(parsed.issues)).toMatch(/^[a-z]/);
  });

  it("drops links whose ends name no initiative, keeping the rest", () => {
    const parsed = parseBoardContent({
      meta: { title: "Links" },
      initiatives: { a: { title: "A", x: 0, y: 0 }, b: { title: "B", x: 0, y: 0 } },
      links: { ok: { from: "a", to: "b" }, dangling: { from: "a", to: "deleted" } },
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(Object.keys(parsed.content.links)).toEqual(["ok"]);
  });

  it("rejects a missing meta and non-objects with a path", () => {
    const parsed = parseBoardContent([]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]?.path).toBe("(root)");
    const noMeta = parseBoardContent({});
    expect(noMeta.ok).toBe(false);
    if (!noMeta.ok) expect(noMeta.issues[0]?.path).toBe("meta");
  });

  it("loadContentInto replaces what the document held", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Old" });
    createInitiative(doc, { title: "Gone", x: 0, y: 0 }, user);
    const content = sampleContent();
    loadContentInto(doc, content, { kind: "import", source: "json" });
    expect(readBoard(doc)).toEqual(content);
  });
});
