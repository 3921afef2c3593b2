import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { exportSvg } from "@/lib/board/io";
import { CARD_WIDTH } from "@/lib/board/geometry";
import { BLOCKING_COLOR, collaborationModes, LINK_COLOR, linkStyle } from "@/lib/board/linkStyle";
import { DEFAULT_MODELS } from "@/lib/board/models";
import { createInitiative, createLink, createModel } from "@/lib/board/mutations";
import { localUserOrigin } from "@/lib/board/origins";
import { boardMaps, initializeBoard, readBoard, readModel } from "@/lib/board/schema";
import type { LinkContent, ModelContent } from "@/lib/board/types";

const library: ReadonlyMap<string, ModelContent> = new Map(DEFAULT_MODELS.map((model) => [model.id, model]));

function link(fields: Partial<LinkContent>): LinkContent {
  return { id: "lnk_1", from: "a", to: "b", label: "", ...fields };
}

describe("linkStyle", () => {
  it("draws a plain link thin and grey with its label", () => {
    expect(linkStyle(link({ label: "shares data" }), library)).toEqual({
      stroke: LINK_COLOR,
      strokeWidth: 1.75,
      dash: undefined,
      caption: "shares data",
      modeName: null,
      blocking: false,
    });
  });

  it("gives each default collaboration mode its own dash pattern and the mode's colour", () => {
    const modes = collaborationModes(library);
    expect(modes.map((mode) => mode.id)).toEqual([
      "fully-embedded",
      "time-boxed-collaboration",
      "supportive-facilitating",
      "transactional-service",
    ]);
    const styles = modes.map((mode) => linkStyle(link({ mode: mode.id }), library));
    expect(new Set(styles.map((style) => style.dash ?? "solid")).size).toBe(4);
    styles.forEach((style, index) => expect(style.stroke).toBe(modes[index]?.color));
    expect(linkStyle(link({ label: "API", mode: "transactional-service" }), library).caption).toBe("API · Transactional / As-a-Service");
  });

  it("draws a blocking link red and heavier, whatever its mode", () => {
    const style = linkStyle(link({ mode: "time-boxed-collaboration", blocking: true }), library);
    expect(style.stroke).toBe(BLOCKING_COLOR);
    expect(style.strokeWidth).toBeGreaterThan(linkStyle(link({ mode: "time-boxed-collaboration" }), library).strokeWidth);
    expect(style.dash).toBe("10 5");
  });

  it("gives a board's own collaboration modes patterns of their own, and ignores unknown modes", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Modes" });
    const pairing = createModel(doc, { name: "Pairing", family: "collaboration", color: "#0891b2" }, localUserOrigin("Ann"));
    const models = new Map<string, ModelContent>();
    boardMaps(doc).models.forEach((map, id) => models.set(id, readModel(id, map)));
    const style = linkStyle(link({ mode: pairing }), models);
    expect(style.dash).toBe("6 3");
    expect(style.stroke).toBe("#0891b2");
    expect(linkStyle(link({ mode: "gone" }), models)).toMatchObject({ stroke: LINK_COLOR, modeName: null, dash: undefined });
  });
});

describe("links in the SVG export", () => {
  it("end at the target card's border with an arrow of their own colour, dashed by mode", () => {
    const doc = new Y.Doc();
    initializeBoard(doc, { title: "Links" });
    const user = localUserOrigin("Ann");
    const a = createInitiative(doc, { title: "A", x: 0, y: 0 }, user);
    const b = createInitiative(doc, { title: "B", x: 500, y: 0 }, user);
    createLink(doc, { from: a, to: b, label: "checkout API", mode: "time-boxed-collaboration", blocking: true }, user);
    const svg = exportSvg(readBoard(doc));
    expect(svg).toMatch(new RegExp(`<line x1="${CARD_WIDTH}" y1="48" x2="500" y2="48" stroke="${BLOCKING_COLOR}" stroke-width="3.5" stroke-dasharray="10 5" marker-end="url\\(#arrow-0\\)"/>`));
    expect(svg).toContain(`<marker id="arrow-0"`);
    expect(svg).toContain(`fill="${BLOCKING_COLOR}"/></marker>`);
    expect(svg).toContain("checkout API · Time-boxed Collaboration");
  });
});
