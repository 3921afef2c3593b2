import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/**
 * Workshop editing with two people on one board: the link panel (mode, purpose, blocking) and
 * how links look for the other person, sticky colours and free text, and frames that carry the
 * cards inside them when dragged.
 */

interface CreatedBoard {
  id: string;
  editUrl: string;
  editToken: string;
}

interface ExportedBoard {
  initiatives: Record<string, { title: string; x: number; y: number }>;
  links: Record<string, { label: string; mode?: string; purpose?: string; blocking?: boolean; endsAt?: string }>;
  notes: Record<string, { text: string; x: number; y: number; color: string; kind?: string; width?: number; height?: number }>;
}

test.describe.configure({ timeout: 150_000 });

/** A board with cards (and links) at known places, imported with the default model library. */
async function importBoard(page: Page, content: { initiatives: Record<string, unknown>; links?: Record<string, unknown>; notes?: Record<string, unknown> }): Promise<CreatedBoard> {
  const blank = (await (await page.request.post("/api/boards", { data: { title: "Models", template: "blank" } })).json()) as CreatedBoard;
  const exported = await page.request.get(`/api/boards/${blank.id}/export?format=json`, { headers: { authorization: `Bearer ${blank.editToken}` } });
  const { models } = (await exported.json()) as { models: unknown };
  const response = await page.request.post("/api/boards/import", {
    data: { meta: { schemaVersion: 1, title: "Workshop" }, models, links: {}, notes: {}, ...content },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as CreatedBoard;
}

async function exportOf(page: Page, board: CreatedBoard): Promise<ExportedBoard> {
  const response = await page.request.get(`/api/boards/${board.id}/export?format=json`, { headers: { authorization: `Bearer ${board.editToken}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as ExportedBoard;
}

async function newPerson(browser: Browser, name: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript((chosen) => {
    localStorage.setItem("modelmap:user", JSON.stringify(chosen));
    localStorage.setItem("modelmap:name-chosen", "1");
  }, { name, color: name === "Alice" ? "#e11d48" : "#0284c7" });
  return context;
}

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "live", { timeout: 30_000 });
  await expect(page.getByTestId("view-bar")).toBeVisible();
  return page;
}

async function twoPeople(browser: Browser, content: Parameters<typeof importBoard>[1]) {
  const alice = await newPerson(browser, "Alice");
  const bob = await newPerson(browser, "Bob");
  const setup = await alice.newPage();
  const board = await importBoard(setup, content);
  return { board, setup, alice: await open(alice, board.editUrl), bob: await open(bob, board.editUrl) };
}

function cardTitled(page: Page, title: string): Locator {
  return page.getByTestId("initiative-card").filter({ has: page.getByTestId("card-title").getByText(title, { exact: true }) });
}

/** Alpha and Beta side by side with Gamma below, for two people; Alice has selected Alpha and Beta. */
async function alphaAndBetaSelected(browser: Browser) {
  const people = await twoPeople(browser, {
    initiatives: {
      ini_alpha: { title: "Alpha", x: 0, y: 0 },
      ini_beta: { title: "Beta", x: 300, y: 60 },
      ini_gamma: { title: "Gamma", x: 0, y: 420 },
    },
  });
  await cardTitled(people.alice, "Alpha").click();
  await cardTitled(people.alice, "Beta").click({ modifiers: ["Shift"] });
  await expect(people.alice.locator(".react-flow__node.selected")).toHaveCount(2);
  return people;
}

/** Presses at `start` and moves by (dx, dy) in two legs, holding the button (the caller lets go). */
async function holdAndDrag(page: Page, start: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + dx / 2, start.y + dy / 2, { steps: 6 });
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 6 });
}

/** How far a card has moved on `page`'s screen since `before`, along one axis. */
async function movedOnScreen(page: Page, title: string, before: { x: number; y: number }, axis: "x" | "y"): Promise<number> {
  const box = await cardTitled(page, title).boundingBox();
  return box ? Math.round(box[axis] - before[axis]) : 0;
}

/** A point a quarter of the way along a straight (same-height cards) link: on the line, off its caption. */
async function pointOnLink(page: Page, linkId: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(`[data-testid="link-path"][data-link-id="${linkId}"]`).boundingBox();
  if (!box) throw new Error("link not drawn");
  return { x: box.x + box.width * 0.25, y: box.y + box.height / 2 };
}

const TWO_CARDS_AND_A_LINK = {
  initiatives: {
    ini_checkout: { title: "Checkout redesign", x: 0, y: 0, modelId: "capital-project" },
    ini_payments: { title: "Payments platform", x: 520, y: 0, modelId: "persistent-capacity" },
  },
  links: { lnk_api: { from: "ini_checkout", to: "ini_payments", label: "checkout API" } },
};

test("a long dashed link is painted in pieces that carry its pattern end to end, its caption shows from 50 %; a click on it still opens its panel", async ({ browser }) => {
  const { alice, bob } = await twoPeople(browser, {
    initiatives: {
      ini_near: { title: "Near end", x: 0, y: 0, modelId: "capital-project" },
      ini_far: { title: "Far end", x: 2400, y: 0, modelId: "persistent-capacity" },
    },
    links: { lnk_long: { from: "ini_near", to: "ini_far", label: "", mode: "supportive-facilitating" } },
  });
  for (const page of [alice, bob]) await expectPiecesAlongLink(page, "lnk_long");
  // Fitted, this board sits under 50 %, where a caption would be under 5.5 px: none is drawn.
  // Zoomed in past 50 % it shows; back out, it goes again.
  const caption = alice.locator('[data-testid="link-caption"][data-link-id="lnk_long"]');
  const zoomBefore = await viewZoom(alice);
  expect(zoomBefore).toBeLessThan(0.5);
  await expect(caption).toHaveCount(0);
  const pane = await alice.locator(".react-flow__pane").boundingBox();
  if (!pane) throw new Error("no canvas");
  await alice.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  while ((await viewZoom(alice)) < 0.5) await alice.mouse.wheel(0, -120);
  await expect(caption).toHaveText("Supportive / Facilitating");
  while ((await viewZoom(alice)) > zoomBefore) await alice.mouse.wheel(0, 120);
  await expect(caption).toHaveCount(0);
  // The pieces take no clicks: the link's own hit area does, and opens the panel.
  const point = await pointOnLink(alice, "lnk_long");
  await alice.mouse.click(point.x, point.y);
  await expect(alice.getByTestId("link-inspector")).toHaveAttribute("aria-label", "Link from Near end to Far end");
});

test("the link panel sets mode, purpose, end date and blocking; the other editor sees the link's style change", async ({ browser }) => {
  const { board, setup, alice, bob } = await twoPeople(browser, TWO_CARDS_AND_A_LINK);
  const bobPath = bob.locator('[data-testid="link-path"][data-link-id="lnk_api"]');
  await expect(bobPath).toHaveAttribute("data-mode", "");
  await expect(bobPath).toHaveAttribute("data-blocking", "false");
  await expect(bob.getByTestId("link-caption")).toHaveText("checkout API");

  // A click on the line opens the panel (no prompt).
  const point = await pointOnLink(alice, "lnk_api");
  await alice.mouse.click(point.x, point.y);
  const panel = alice.getByTestId("link-inspector");
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute("aria-label", "Link from Checkout redesign to Payments platform");
  await expect(alice.getByTestId("link-label")).toHaveValue("checkout API");
  // Only collaboration modes are offered.
  await expect(alice.getByTestId("link-mode").locator("option")).toHaveText([
    "Not set",
    "Fully Embedded",
    "Time-boxed Collaboration",
    "Supportive / Facilitating",
    "Transactional / As-a-Service",
  ]);
  await alice.getByTestId("link-mode").selectOption("time-boxed-collaboration");
  await expect(alice.getByTestId("link-mode-summary")).toContainText("Blurs ownership");
  await alice.getByTestId("link-purpose").fill("Find the new payment boundary");
  await alice.getByTestId("link-ends-at").fill("2026-03-31");
  await alice.getByTestId("link-blocking").check();

  await expect(bobPath).toHaveAttribute("data-mode", "time-boxed-collaboration");
  await expect(bobPath).toHaveAttribute("data-blocking", "true");
  await expect(bobPath).toHaveAttribute("stroke", "#dc2626");
  await expect(bobPath).toHaveAttribute("stroke-dasharray", "10 5");
  await expect(bob.getByTestId("link-caption")).toHaveText("checkout API · Time-boxed Collaboration");
  // The arrowhead has the line's colour and ends left of the target card, not under it.
  // One marker per colour, shared by every line of it (LinkMarkers).
  const markerEnd = await bobPath.getAttribute("marker-end");
  const markerId = /^url\(#([\w-]+)\)$/.exec(markerEnd ?? "")?.[1];
  expect(markerId).toBeTruthy();
  await expect(bob.locator(`marker#${markerId} path`)).toHaveAttribute("fill", "#dc2626");
  await expect(bob.locator(`marker#${markerId}`)).toHaveAttribute("markerWidth", "15");
  const lineEnd = await bobPath.evaluate((element) => {
    const path = element as SVGPathElement;
    const end = path.getPointAtLength(path.getTotalLength());
    const matrix = path.getScreenCTM();
    return matrix ? end.matrixTransform(matrix).x : Number.NaN;
  });
  const targetBox = await cardTitled(bob, "Payments platform").boundingBox();
  expect(targetBox && lineEnd < targetBox.x).toBe(true);

  const stored = await exportOf(setup, board);
  expect(stored.links.lnk_api).toMatchObject({
    label: "checkout API",
    mode: "time-boxed-collaboration",
    purpose: "Find the new payment boundary",
    endsAt: "2026-03-31",
    blocking: true,
  });

  // Bob opens the same panel from the keyboard: focus the link, Enter puts him in its label.
  await bob.locator('.react-flow__edge[data-id="lnk_api"]').focus();
  await bob.keyboard.press("Enter");
  await expect(bob.getByTestId("link-label")).toBeFocused();
  await expect(bob.getByTestId("link-purpose")).toHaveValue("Find the new payment boundary");
  await bob.keyboard.press("Control+a");
  await bob.keyboard.type("payment API");
  await expect(alice.getByTestId("link-label")).toHaveValue("payment API");
  await bob.keyboard.press("Escape");
  await expect(bob.getByTestId("link-inspector")).toHaveCount(0);

  // A double-click on the line opens the panel with the label focused; delete removes it for both.
  await alice.getByTestId("link-inspector").getByRole("button", { name: "Close link details" }).click();
  await expect(alice.getByTestId("link-inspector")).toHaveCount(0);
  const again = await pointOnLink(alice, "lnk_api");
  await alice.mouse.dblclick(again.x, again.y);
  await expect(alice.getByTestId("link-label")).toBeFocused();
  await alice.getByTestId("delete-link").click();
  await expect(bob.getByTestId("link-path")).toHaveCount(0);
  await expect(alice.getByTestId("link-inspector")).toHaveCount(0);
});

test("a note is recoloured from its palette and free text is added, live for the other editor", async ({ browser }) => {
  const { board, setup, alice, bob } = await twoPeople(browser, { initiatives: { ini_a: { title: "Anchor", x: 0, y: 0 } } });
  await alice.getByTestId("add-note").click();
  await expect(alice.getByTestId("note-text-input")).toBeFocused();
  await alice.keyboard.type("Ask finance");
  await alice.keyboard.press("Escape");
  const bobNote = bob.getByTestId("note-card");
  await expect(bobNote).toContainText("Ask finance");
  await expect(bobNote).toHaveAttribute("data-color", "#fde68a");

  await alice.getByTestId("note-card").click();
  const palette = alice.getByTestId("note-palette");
  await expect(palette.getByTestId("palette-color")).toHaveCount(7);
  await palette.getByRole("button", { name: "Pink note" }).click();
  await expect(palette.getByRole("button", { name: "Pink note" })).toHaveAttribute("aria-pressed", "true");
  await expect(bobNote).toHaveAttribute("data-color", "#fbcfe8");
  await expect(bobNote).toHaveCSS("background-color", "rgb(251, 207, 232)");

  await alice.getByTestId("add-text").click();
  await expect(alice.getByTestId("text-item-input")).toBeFocused();
  await alice.keyboard.type("Why now?");
  await alice.keyboard.press("Escape");
  const bobText = bob.getByTestId("text-item");
  await expect(bobText).toHaveText("Why now?");
  // Plain text: no sticky behind it.
  await expect(bobText).toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
  await expect(bobText).toHaveCSS("color", "rgb(15, 23, 42)");

  await alice.getByTestId("text-item").click();
  await alice.getByTestId("note-palette").getByRole("button", { name: "Red text" }).click();
  await expect(bobText).toHaveCSS("color", "rgb(185, 28, 28)");

  const stored = await exportOf(setup, board);
  const notes = Object.values(stored.notes);
  expect(notes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ text: "Ask finance", color: "#fbcfe8" }),
      expect.objectContaining({ text: "Why now?", kind: "text", color: "#b91c1c" }),
    ]),
  );
  expect(notes.find((note) => note.text === "Ask finance")?.kind).toBeUndefined();
});

test("a frame made around two cards carries them when dragged, and the other editor sees them moved", async ({ browser }) => {
  const { board, setup, alice, bob } = await alphaAndBetaSelected(browser);
  await alice.getByTestId("add-frame").click();
  await expect(alice.getByTestId("frame-title-input")).toBeFocused();
  await alice.keyboard.type("Discovery");
  await alice.keyboard.press("Enter");
  await expect(bob.getByTestId("frame-title")).toHaveText("Discovery");

  const before = await exportOf(setup, board);
  const [frameId, frame] = Object.entries(before.notes).find(([, note]) => note.kind === "frame") ?? [];
  if (!frameId || !frame) throw new Error("no frame stored");
  // The frame encloses both selected cards and not the third.
  expect(frame.x).toBeLessThan(0);
  expect(frame.y).toBeLessThan(0);
  expect(frame.x + (frame.width ?? 0)).toBeGreaterThan(300 + 240);
  expect(frame.y + (frame.height ?? 0)).toBeLessThan(420);

  // Drawn behind the cards.
  const frameZ = Number(await alice.locator(`.react-flow__node[data-id="${frameId}"]`).evaluate((node) => getComputedStyle(node).zIndex));
  const cardZ = Number(await alice.locator('.react-flow__node[data-id="ini_alpha"]').evaluate((node) => getComputedStyle(node).zIndex));
  expect(frameZ).toBeLessThan(cardZ);

  const bobAlphaBefore = await cardTitled(bob, "Alpha").boundingBox();
  const bar = await alice.getByTestId("frame-title-bar").boundingBox();
  if (!bar || !bobAlphaBefore) throw new Error("frame or card not visible");
  const start = { x: bar.x + 20, y: bar.y + bar.height / 2 };
  await holdAndDrag(alice, start, 120, 90);
  // Bob sees the cards inside move with the frame while Alice still holds it (nothing is stored yet).
  await expect.poll(() => movedOnScreen(bob, "Alpha", bobAlphaBefore, "x")).toBeGreaterThan(0);
  expect((await exportOf(setup, board)).initiatives.ini_alpha).toMatchObject({ x: 0, y: 0 });
  await alice.mouse.up();

  await expect
    .poll(async () => {
      const after = await exportOf(setup, board);
      return after.notes[frameId]?.x !== frame.x;
    })
    .toBe(true);
  const after = await exportOf(setup, board);
  const moved = after.notes[frameId];
  if (!moved) throw new Error("frame gone");
  const dx = moved.x - frame.x;
  const dy = moved.y - frame.y;
  expect(dx).toBeGreaterThan(0);
  expect(dy).toBeGreaterThan(0);
  expect(after.initiatives.ini_alpha).toMatchObject({ x: 0 + dx, y: 0 + dy });
  expect(after.initiatives.ini_beta).toMatchObject({ x: 300 + dx, y: 60 + dy });
  expect(after.initiatives.ini_gamma).toMatchObject({ x: 0, y: 420 });

  // Bob's screen shows Alpha moved with the frame.
  await expect.poll(() => movedOnScreen(bob, "Alpha", bobAlphaBefore, "x")).toBeGreaterThan(0);
});

test("dragging a multi-selection moves every selected card live on the other editor's screen", async ({ browser }) => {
  const { board, setup, alice, bob } = await alphaAndBetaSelected(browser);
  const bobBetaBefore = await cardTitled(bob, "Beta").boundingBox();
  const alpha = await cardTitled(alice, "Alpha").boundingBox();
  if (!alpha || !bobBetaBefore) throw new Error("cards not visible");
  const start = { x: alpha.x + 30, y: alpha.y + alpha.height - 12 };
  await holdAndDrag(alice, start, 100, 70);
  // Beta is not under Alice's pointer, yet Bob sees it move while she still holds the drag.
  await expect.poll(() => movedOnScreen(bob, "Beta", bobBetaBefore, "y")).toBeGreaterThan(20);
  expect((await exportOf(setup, board)).initiatives.ini_beta).toMatchObject({ x: 300, y: 60 });
  await alice.mouse.up();
  await expect.poll(async () => (await exportOf(setup, board)).initiatives.ini_beta?.y ?? 60).toBeGreaterThan(60);
  const after = await exportOf(setup, board);
  const dx = (after.initiatives.ini_alpha?.x ?? 0) - 0;
  const dy = (after.initiatives.ini_alpha?.y ?? 0) - 0;
  expect(after.initiatives.ini_beta).toMatchObject({ x: 300 + dx, y: 60 + dy });
  expect(after.initiatives.ini_gamma).toMatchObject({ x: 0, y: 420 });
});

test("Ctrl-D duplicates whatever is selected: a frame with the cards and note it holds and the link between them", async ({ browser }) => {
  const { board, setup, alice, bob } = await twoPeople(browser, {
    initiatives: {
      ini_alpha: { title: "Alpha", x: 0, y: 0 },
      ini_beta: { title: "Beta", x: 300, y: 60 },
    },
    links: { lnk_ab: { from: "ini_alpha", to: "ini_beta", label: "feeds" } },
    notes: {
      note_frame: { kind: "frame", text: "Discovery", x: -40, y: -80, width: 640, height: 420, color: "#c7d2fe" },
      note_sticky: { text: "Ask finance", x: 40, y: 180, color: "#fde68a" },
    },
  });
  await alice.getByTestId("frame-title-bar").click();
  await expect(alice.locator('.react-flow__node[data-id="note_frame"]')).toHaveClass(/selected/);
  await alice.keyboard.press("Control+d");
  await expect(bob.getByTestId("frame-title")).toHaveCount(2);
  const after = await exportOf(setup, board);
  const frames = Object.values(after.notes).filter((note) => note.kind === "frame");
  expect(frames).toHaveLength(2);
  expect(Object.values(after.notes).filter((note) => note.text === "Ask finance")).toHaveLength(2);
  expect(Object.values(after.initiatives).map((item) => item.title).sort()).toEqual(["Alpha", "Alpha", "Beta", "Beta"]);
  expect(Object.values(after.links).filter((link) => link.label === "feeds")).toHaveLength(2);
  // The copy sits a step down and right of the original.
  const copy = frames.find((frame) => frame.x !== -40);
  expect(copy).toMatchObject({ x: -40 + 32, y: -80 + 32 });
});

/** The canvas's zoom (its viewport's scale). */
async function viewZoom(page: Page): Promise<number> {
  return page.locator(".react-flow__viewport").evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
}

/**
 * A long dashed link is drawn in pieces: its own path paints no stroke; every piece paints the
 * pattern in the link's colour, starting where the one before it stopped, and together they
 * cover the whole line.
 */
async function expectPiecesAlongLink(page: Page, linkId: string): Promise<void> {
  const path = page.locator(`[data-testid="link-path"][data-link-id="${linkId}"]`);
  await expect(path).toHaveAttribute("stroke-dasharray", "2 5");
  const count = Number(await path.getAttribute("data-pieces"));
  expect(count).toBeGreaterThan(4);
  await expect(page.locator(`[data-testid="link-piece"][data-link-id="${linkId}"]`)).toHaveCount(count);
  const drawn = await path.evaluate((element, id) => {
    const own = element as SVGPathElement;
    const parts = [...document.querySelectorAll<SVGPathElement>(`[data-testid="link-piece"][data-link-id="${id}"]`)];
    let travelled = 0;
    const offsetsMatch = parts.every((part) => {
      const matches = Math.abs(Number(part.getAttribute("stroke-dashoffset")) - (travelled % 7)) < 0.5;
      travelled += part.getTotalLength();
      return matches && part.getAttribute("stroke-dasharray") === "2 5" && part.getAttribute("stroke") === own.getAttribute("stroke");
    });
    return { ownStroke: getComputedStyle(own).stroke, offsetsMatch, covered: travelled / own.getTotalLength() };
  }, linkId);
  expect(drawn.ownStroke).toBe("none");
  expect(drawn.offsetsMatch).toBe(true);
  expect(drawn.covered).toBeGreaterThan(0.99);
  expect(drawn.covered).toBeLessThan(1.01);
}
