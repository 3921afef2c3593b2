import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  escapeXml,
  exportInitiativesCsv,
  exportMarkdown,
  exportSvg,
  importInitiativesCsv,
  parseCsv,
  toCsv,
  wrapText,
} from "@/lib/board/io";
import { createInitiative, createLink, createNote, setBoardTitle } from "@/lib/board/mutations";
import { localUserOrigin } from "@/lib/board/origins";
import { initializeBoard, readBoard } from "@/lib/board/schema";
import type { BoardContent } from "@/lib/board/types";

const user = localUserOrigin("Ann");
const NASTY = `<script>alert("x")</script> & 'quotes' ]]> \u0001`;

function board(): BoardContent {
  const doc = new Y.Doc();
  initializeBoard(doc, { title: "Acme portfolio" });
  const a = createInitiative(
    doc,
    {
      title: "Pricing, \"v2\"\nlaunch",
      notes: "=HYPERLINK(\"evil\")",
      owner: "Ann",
      status: "active",
      x: -120.5,
      y: 40,
      modelId: "capital-project",
      teamShapeId: "journey-team",
      horizon: "H1",
      proximityCustomer: 0,
      proximityOutcome: 2,
      health: "at-risk",
      confidence: 60,
      investment: { amount: 3.5, unit: "FTE" },
      nextDecisionAt: "2025-04-01",
      reviewCadence: "monthly",
      tags: ["growth", "q3"],
      url: "https://example.com/a?b=1,2",
      bet: "Self-serve wins SMB",
      customScore: 7,
    },
    user,
  );
  const b = createInitiative(doc, { title: NASTY, owner: NASTY, x: 400, y: 300 }, user);
  createLink(doc, { from: a, to: b, label: NASTY, blocking: true }, user);
  createNote(doc, { text: NASTY, x: 0, y: 500, color: "#fde68a" }, user);
  setBoardTitle(doc, `Board ${NASTY}`, user);
  return readBoard(doc);
}

/** A small well-formedness check: tags balance, attributes are quoted, entities are known. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/g;
  let match: RegExpExecArray | null;
  let last = 0;
  while ((match = tag.exec(body))) {
    if (match[0] === "<" || match[0] === "&") throw new Error(`stray ${match[0]} at ${match.index}: ${body.slice(match.index, match.index + 40)}`);
    const [, closing, name, , selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClosing) {
      stack.push(name ?? "");
    }
    last = tag.lastIndex;
  }
  expect(stack).toEqual([]);
  expect(body.slice(last).trim()).toBe("");
  expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)).toBe(false);
}

describe("CSV", () => {
  it("quotes per RFC 4180 and parses back", () => {
    const rows = [["a", "b,c", 'say "hi"', "two\r\nlines"], ["", "x", "", ""]];
    const text = toCsv(rows);
    expect(text).toBe('a,"b,c","say ""hi""","two\r\nlines"\r\n,x,,\r\n');
    expect(parseCsv(text).rows).toEqual(rows);
    expect(parseCsv("a,b\nc,d").rows).toEqual([["a", "b"], ["c", "d"]]);
    expect(parseCsv('a,"open\n').unterminatedQuoteAtRow).toBe(1);
  });

  it("exports every field with model names resolved and guards formulas", () => {
    const content = board();
    const { rows } = parseCsv(exportInitiativesCsv(content));
    const header = rows[0] ?? [];
    for (const column of ["id", "title", "owner", "status", "modelId", "model", "teamShape", "horizon", "proximityCustomer", "confidence", "investmentAmount", "investmentUnit", "tags", "url", "bet", "x", "y", "customScore"]) {
      expect(header).toContain(column);
    }
    const pricing = rows.find((row) => row[header.indexOf("title")]?.startsWith("Pricing"));
    const cell = (name: string) => pricing?.[header.indexOf(name)];
    expect(cell("model")).toBe("Capital Project");
    expect(cell("modelFamily")).toBe("funding");
    expect(cell("teamShape")).toBe("Journey Team");
    expect(cell("tags")).toBe("growth; q3");
    expect(cell("notes")).toBe("'=HYPERLINK(\"evil\")");
    expect(cell("x")).toBe("-120.5");
  });

  it("round-trips initiatives through export and import", () => {
    const content = board();
    const result = importInitiativesCsv(exportInitiativesCsv(content), content.models);
    expect(result.errors).toEqual([]);
    const byId = Object.fromEntries(result.initiatives.map((initiative) => [initiative.id, initiative]));
    expect(byId).toEqual(content.initiatives);
  });

  it("reports errors per row and field and keeps the good rows", () => {
    const csv = [
      "Title,Owner,Status,model,horizon,proximityCustomer,confidence,investmentAmount,investmentUnit,nextDecisionAt,x",
      "Good one,Ann,Active,Capital Project,h2,1,50,2,FTE,2025-01-01,10",
      "Bad status,Bo,sleeping,,H1,,,,,,",
      "Bad model,Cy,idea,Moonshot,H5,7,101,-3,,tomorrow,left",
      ",Dee,idea,,,,,,,,",
      "",
    ].join("\n");
    const { initiatives, errors } = importInitiativesCsv(csv, board().models);
    expect(initiatives).toHaveLength(1);
    expect(initiatives[0]).toMatchObject({
      title: "Good one",
      owner: "Ann",
      status: "active",
      modelId: "capital-project",
      horizon: "H2",
      proximityCustomer: 1,
      confidence: 50,
      investment: { amount: 2, unit: "FTE" },
      nextDecisionAt: "2025-01-01",
      x: 10,
    });
    const found = errors.map((error) => `${error.row}:${error.field}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "3:status",
        "4:model",
        "4:horizon",
        "4:proximityCustomer",
        "4:confidence",
        "4:investmentAmount",
        "4:nextDecisionAt",
        "4:x",
        "5:title",
      ]),
    );
    expect(errors.find((error) => error.field === "model")?.message).toContain("Moonshot");
  });

  it("applies the board schema's limits per row", () => {
    const csv = `title,x,tags\n${"T".repeat(501)},0,\nFar away,2000000,\nOk,1,a;b\n`;
    const { initiatives, errors } = importInitiativesCsv(csv, {});
    expect(initiatives.map((initiative) => initiative.title)).toEqual(["Ok"]);
    expect(errors.map((error) => `${error.row}:${error.field}`)).toEqual(["2:title", "3:x"]);
  });

  it("requires a title column and rejects repeated ids", () => {
    expect(importInitiativesCsv("owner\nAnn\n", {}).errors).toEqual([
      { row: 1, field: "title", message: "a title column is required" },
    ]);
    const repeated = importInitiativesCsv("id,title\nx1,A\nx1,B\n", {});
    expect(repeated.initiatives.map((initiative) => initiative.title)).toEqual(["A"]);
    expect(repeated.errors).toEqual([{ row: 3, field: "id", message: "repeats the id of row 2" }]);
  });
});

describe("SVG", () => {
  it("escapes all user text and is well-formed", () => {
    const svg = exportSvg(board());
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(svg).toContain("Capital Project");
    expect(svg).toContain("no model");
    expect(svg.match(/<line /g)).toHaveLength(1);
    expect(svg.match(/class="initiative"/g)).toHaveLength(2);
    assertWellFormedXml(svg);
  });

  it("draws cards at their x/y in the model's colour", () => {
    const svg = exportSvg(board());
    expect(svg).toContain(`<rect x="-120.5" y="40" width="240" height="96" rx="8" fill="#ffffff" stroke="#ea580c"`);
    expect(svg).toMatch(/class="legend">.*Capital Project \(1\)/s);
  });

  it("is well-formed for an empty board", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "" });
    assertWellFormedXml(exportSvg(readBoard(doc)));
  });

  it("escapes the five XML specials and drops forbidden characters", () => {
    expect(escapeXml(`a&b<c>d"e'f\u0000g`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;fg");
    expect(wrapText("one two three four five", 9, 2)).toEqual(["one two", "three…"]);
  });
});

describe("Markdown", () => {
  it("groups initiatives by family and model and escapes text", () => {
    const md = exportMarkdown(board());
    expect(md).toMatch(/^# Board /);
    expect(md).toContain("## Funding & commitment");
    expect(md).toContain("### Capital Project (1)");
    expect(md).toContain("## No model yet");
    expect(md).toContain("3.5 FTE");
    expect(md).toContain("decide by 2025-04-01");
    expect(md).not.toContain("<script>");
    expect(md.indexOf("### Capital Project")).toBeLessThan(md.indexOf("## No model yet"));
  });
});
