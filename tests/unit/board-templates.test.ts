import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { generateBoard } from "@/lib/board/generator";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { computeHints } from "@/lib/board/hints";
import { readBoard } from "@/lib/board/schema";
import { applyTemplate, isTemplateId, templateContent, TEMPLATES } from "@/lib/board/templates";
import type { BoardContent } from "@/lib/board/types";
import { parseBoardContent } from "@/lib/board/validate";

const now = new Date("2025-06-15T12:00:00Z");

function overlaps(content: BoardContent): string[] {
  const cards = Object.values(content.initiatives);
  const found: string[] = [];
  for (const [index, a] of cards.entries()) {
    for (const b of cards.slice(index + 1)) {
      if (Math.abs(a.x - b.x) < CARD_WIDTH && Math.abs(a.y - b.y) < CARD_HEIGHT) found.push(`${a.title} / ${b.title}`);
    }
  }
  return found;
}

describe("templates", () => {
  it.each(TEMPLATES.map((template) => template.id))("%s is valid board content with the default models", (id) => {
    const content = templateContent(id, { now });
    expect(parseBoardContent(JSON.parse(JSON.stringify(content)))).toMatchObject({ ok: true });
    expect(Object.keys(content.models)).toHaveLength(13);
    expect(isTemplateId(id)).toBe(true);
  });

  it("sample-portfolio has about 25 realistic, readable initiatives with links and notes", () => {
    const content = templateContent("sample-portfolio", { now });
    const initiatives = Object.values(content.initiatives);
    expect(initiatives).toHaveLength(25);
    expect(overlaps(content)).toEqual([]);
    for (const initiative of initiatives) {
      expect(initiative.modelId === null || initiative.modelId in content.models).toBe(true);
      expect(["H1", "H2", "H3"]).toContain(initiative.horizon);
    }
    expect(new Set(initiatives.map((initiative) => initiative.status)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(initiatives.map((initiative) => initiative.owner)).size).toBeGreaterThanOrEqual(8);
    expect(Object.keys(content.links).length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(content.notes).length).toBeGreaterThanOrEqual(3);
    const codes = new Set(computeHints(content, now).map((hint) => hint.code));
    expect(codes).toEqual(
      new Set([
        "no-model",
        "no-owner",
        "capital-project-past-decision",
        "time-boxed-without-end",
        "exploration-on-transactional-link",
        "platform-without-north-star",
      ]),
    );
  });

  it("close-far-workshop places example cards in their rings and suggests the rings view", () => {
    const content = templateContent("close-far-workshop", { now });
    expect(content.meta.suggestedView).toMatchObject({ kind: "rings", field: "proximityCustomer" });
    expect(Object.values(content.notes).map((note) => note.text).join(" ")).toContain("Ring 3");
  });

  it("applyTemplate fills a document with the template, titled", () => {
    const doc = new Y.Doc();
    applyTemplate(doc, "sample-portfolio", { title: "Ours", now });
    const board = readBoard(doc);
    expect(board.meta.title).toBe("Ours");
    expect(board).toEqual(templateContent("sample-portfolio", { title: "Ours", now }));
  });
});

describe("generateBoard", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(generateBoard(42, 300)).toEqual(generateBoard(42, 300));
    expect(generateBoard(42, 300)).not.toEqual(generateBoard(43, 300));
  });

  it("makes the requested number of valid cards with a realistic mix", () => {
    const content = generateBoard(7, 1000);
    const initiatives = Object.values(content.initiatives);
    expect(initiatives).toHaveLength(1000);
    expect(Object.keys(content.links)).toHaveLength(333);
    expect(Object.keys(content.notes)).toHaveLength(50);
    expect(parseBoardContent(JSON.parse(JSON.stringify(content)))).toMatchObject({ ok: true });
    const withModel = initiatives.filter((initiative) => initiative.modelId !== null).length;
    expect(withModel).toBeGreaterThan(800);
    expect(withModel).toBeLessThan(1000);
    expect(new Set(initiatives.map((initiative) => initiative.status)).size).toBe(6);
    expect(initiatives.some((initiative) => initiative.investment !== undefined)).toBe(true);
  });

  it("handles tiny boards", () => {
    expect(Object.keys(generateBoard(1, 0).initiatives)).toHaveLength(0);
    expect(Object.keys(generateBoard(1, 1).links)).toHaveLength(0);
  });
});
