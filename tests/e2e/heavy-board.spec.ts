import { expect, test, type Browser, type Page } from "@playwright/test";
import { CARD_HEIGHT, CARD_WIDTH } from "../../lib/board/geometry";
import { generateBoard } from "../../lib/board/generator";
import type { BoardContent } from "../../lib/board/types";

/**
 * A 300-card board seen from far away, with two people: cards are pixels on one canvas, not
 * nodes, yet they can be pointed at (hover names them), clicked (selected, and back as a node),
 * dragged (live for the other person and saved), box-selected and double-clicked (zoomed in on);
 * what the other person changes shows on the canvas; search and zoom bring whole cards back.
 */

const SEED = 20261207;
const CARDS = 300;

test.describe.configure({ timeout: 180_000 });

interface Imported {
  id: string;
  editUrl: string;
  editToken: string;
}

async function person(browser: Browser, name: string, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((chosen) => {
    localStorage.setItem("modelmap:user", JSON.stringify(chosen));
    localStorage.setItem("modelmap:name-chosen", "1");
  }, { name, color: name === "Alice" ? "#e11d48" : "#0284c7" });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "live", { timeout: 60_000 });
  return page;
}

/** The viewport transform React Flow applies: board point → page point. */
async function toScreen(page: Page, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const { left, top, tx, ty, zoom } = await page.locator(".react-flow__viewport").evaluate((element) => {
    const matrix = new DOMMatrix(getComputedStyle(element).transform);
    const pane = element.closest(".react-flow")?.getBoundingClientRect();
    return { left: pane?.left ?? 0, top: pane?.top ?? 0, tx: matrix.e, ty: matrix.f, zoom: matrix.a };
  });
  return { x: left + tx + point.x * zoom, y: top + ty + point.y * zoom };
}

/** The far canvas's colour at a board point, as [r, g, b]. */
async function canvasColour(page: Page, point: { x: number; y: number }): Promise<number[]> {
  const screen = await toScreen(page, point);
  return page.getByTestId("far-zoom-canvas").evaluate((element, at) => {
    const canvas = element as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const scale = canvas.width / rect.width;
    const data = canvas.getContext("2d")?.getImageData(Math.round((at.x - rect.left) * scale), Math.round((at.y - rect.top) * scale), 1, 1).data;
    return data ? [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0] : [];
  }, screen);
}

async function cardCentre(page: Page, card: { x: number; y: number }) {
  return toScreen(page, { x: card.x + CARD_WIDTH / 2, y: card.y + CARD_HEIGHT / 2 });
}

async function exported(page: Page, board: Imported): Promise<BoardContent> {
  const response = await page.request.get(`/api/boards/${board.id}/export?format=json`, { headers: { authorization: `Bearer ${board.editToken}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as BoardContent;
}

test("a 300-card board far away: canvas cards can be hovered, clicked, dragged, box-selected and zoomed in on, live for two people", async ({ browser, request }) => {
  const content = generateBoard(SEED, CARDS);
  const counts = new Map<string, number>();
  for (const initiative of Object.values(content.initiatives)) counts.set(initiative.title, (counts.get(initiative.title) ?? 0) + 1);
  const created = await request.post("/api/boards/import", { data: content });
  expect(created.status()).toBe(201);
  const board = (await created.json()) as Imported;

  const alice = await person(browser, "Alice", board.editUrl);
  const canvas = alice.getByTestId("board-canvas");
  await expect(canvas).toHaveAttribute("data-zoom", "far");
  const farCanvas = alice.getByTestId("far-zoom-canvas");
  // Every card is in view after the first fit, and all are painted: none is a node.
  await expect(farCanvas).toHaveAttribute("data-cards", String(CARDS));
  await expect(alice.locator(".react-flow__node-initiative")).toHaveCount(0);
  await expect(alice.getByTestId("minimap")).toBeVisible();
  await alice.screenshot({ path: "/tmp/shots/e2e-heavy-far.png" });

  // Keyboard: focus on the canvas goes to the first card in view; Tab and Shift+Tab walk the cards,
  // each one a focusable node with its accessible name while it has focus.
  await farCanvas.focus();
  const focusedCard = alice.locator(".react-flow__node-initiative:focus");
  await expect(focusedCard).toHaveAttribute("aria-label", /^Initiative: /);
  const firstFocused = await focusedCard.getAttribute("data-id");
  await alice.keyboard.press("Tab");
  await expect(focusedCard).not.toHaveAttribute("data-id", firstFocused ?? "");
  await expect(focusedCard).toHaveAttribute("aria-label", /^Initiative: /);
  await alice.keyboard.press("Shift+Tab");
  await expect(focusedCard).toHaveAttribute("data-id", firstFocused ?? "");
  // Its focus ring stays 2px on screen however far away the board is (globals.css, --board-zoom).
  const ringOnScreen = await focusedCard.evaluate((node) => {
    const card = node.querySelector('[data-testid="initiative-card"]');
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    if (!card || !viewport) return Number.NaN;
    return Number.parseFloat(getComputedStyle(card).outlineWidth) * new DOMMatrix(getComputedStyle(viewport).transform).a;
  });
  expect(ringOnScreen).toBeGreaterThan(1.8);
  expect(ringOnScreen).toBeLessThan(2.2);
  // Enter edits the focused card's title, as at any zoom.
  await alice.keyboard.press("Enter");
  await expect(alice.getByTestId("card-title-input")).toBeFocused();
  await alice.keyboard.press("Escape");
  await alice.locator("body").click({ position: { x: 5, y: 5 } });

  // A card with a unique title, away from the others' edges of the board.
  const cards = Object.values(content.initiatives).sort((a, b) => a.y - b.y || a.x - b.x);
  const target = cards.find((card, index) => index > CARDS / 2 && counts.get(card.title) === 1);
  if (!target) throw new Error("no card with a unique title");

  // Hovering a painted card names it.
  const centre = await cardCentre(alice, target);
  await alice.mouse.move(centre.x, centre.y);
  await expect(alice.getByTestId("far-hover-label")).toHaveText(target.title);

  // Bob renames it; Alice's canvas card carries the new name.
  const bob = await person(browser, "Bob", board.editUrl);
  await bob.locator("body").click({ position: { x: 5, y: 5 } });
  await bob.keyboard.press("/");
  await bob.keyboard.type(target.title);
  await expect(bob.getByTestId("search-result").first()).toHaveText(new RegExp(target.title));
  await bob.keyboard.press("Enter");
  await expect(bob.locator(`.react-flow__node[data-id="${target.id}"]`)).toHaveClass(/selected/);
  // Alice sees Bob's selection as a ring in his colour (#0284c7) around the painted card.
  const bobBlue = [2, 132, 199];
  await expect
    .poll(async () => (await canvasColour(alice, { x: target.x + CARD_WIDTH / 2, y: target.y - 4 })).every((channel, index) => Math.abs(channel - (bobBlue[index] ?? 0)) < 40))
    .toBe(true);
  const renamed = `${target.title} (renamed by Bob)`;
  await bob.getByTestId("field-title").fill(renamed);
  await alice.mouse.move(centre.x + 200, centre.y + 200);
  await alice.mouse.move(centre.x, centre.y);
  await expect(alice.getByTestId("far-hover-label")).toHaveText(renamed);

  // A click on the painted card selects it: it comes back as a node, and the inspector shows it.
  await alice.mouse.click(centre.x, centre.y);
  const targetNode = alice.locator(`.react-flow__node[data-id="${target.id}"]`);
  await expect(targetNode).toHaveClass(/selected/);
  await expect(alice.getByTestId("field-title")).toHaveValue(renamed);
  // It is no longer painted (the inspector now narrows the canvas, so fewer are in view).
  await expect(farCanvas).toHaveAttribute("aria-label", new RegExp(`^${CARDS - 1} initiatives`));

  // Dragging another painted card moves it, for Bob too, and saves it once it is let go.
  const other = cards.find((card) => card.id !== target.id && card.y > target.y + 3 * CARD_HEIGHT && counts.get(card.title) === 1);
  if (!other) throw new Error("no second card");
  const from = await cardCentre(alice, other);
  await alice.mouse.move(from.x, from.y);
  await alice.mouse.down();
  await alice.mouse.move(from.x + 20, from.y + 10, { steps: 4 });
  await alice.mouse.move(from.x + 60, from.y + 30, { steps: 4 });
  await alice.mouse.up();
  await expect(alice.locator(`.react-flow__node[data-id="${other.id}"]`)).toHaveClass(/selected/);
  await expect.poll(async () => {
    const saved = (await exported(alice, board)).initiatives[other.id];
    return saved ? saved.x > other.x + 60 && saved.y > other.y + 30 : false;
  }).toBe(true);
  const saved = (await exported(alice, board)).initiatives[other.id];
  // Bob, zoomed in on the renamed card, sees the moved card's node where Alice left it.
  await bob.keyboard.press("Escape");
  await bob.locator("body").click({ position: { x: 5, y: 5 } });
  await bob.keyboard.press("/");
  await bob.keyboard.type(other.title);
  await bob.keyboard.press("Enter");
  const bobOther = bob.locator(`.react-flow__node[data-id="${other.id}"]`);
  await expect(bobOther).toBeVisible();
  await expect.poll(() => bobOther.evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).e)).toBe(saved?.x);

  // Shift and a box over the bottom corner of the board selects the painted cards wholly inside it.
  await alice.keyboard.press("Escape");
  await expect(alice.locator(".react-flow__node-initiative.selected")).toHaveCount(0);
  const corner = cards.slice(-10);
  const maxX = Math.max(...corner.map((card) => card.x + CARD_WIDTH));
  const maxY = Math.max(...corner.map((card) => card.y + CARD_HEIGHT));
  const box = { left: maxX - 4 * CARD_WIDTH, top: maxY - 3 * CARD_HEIGHT, right: maxX + 20, bottom: maxY + 20 };
  const start = await toScreen(alice, { x: box.right, y: box.bottom });
  const end = await toScreen(alice, { x: box.left, y: box.top });
  await alice.keyboard.down("Shift");
  await alice.mouse.move(start.x, start.y);
  await alice.mouse.down();
  await alice.mouse.move(end.x, end.y, { steps: 8 });
  await alice.mouse.up();
  await alice.keyboard.up("Shift");
  const current = (await exported(alice, board)).initiatives;
  const inBox = Object.values(current).filter(
    (card) => card.x >= box.left && card.y >= box.top && card.x + CARD_WIDTH <= box.right && card.y + CARD_HEIGHT <= box.bottom,
  );
  expect(inBox.length).toBeGreaterThan(0);
  await expect(alice.locator(".react-flow__node-initiative.selected")).toHaveCount(inBox.length);
  await alice.screenshot({ path: "/tmp/shots/e2e-heavy-box.png" });

  // A double-click on a painted card zooms in on it: the whole card is back.
  await alice.keyboard.press("Escape");
  const third = cards.find((card) => card.id !== target.id && card.id !== other.id && !inBox.some((selected) => selected.id === card.id) && counts.get(card.title) === 1);
  if (!third) throw new Error("no third card");
  const thirdCentre = await cardCentre(alice, third);
  await alice.mouse.dblclick(thirdCentre.x, thirdCentre.y);
  await expect(canvas).toHaveAttribute("data-zoom", "near");
  await expect(alice.locator(`.react-flow__node[data-id="${third.id}"]`).getByTestId("card-title")).toHaveText(third.title);
  await expect(alice.getByTestId("far-zoom-canvas")).toHaveCount(0);
  // Near, zooming leaves the canvas's inherited style alone: a change of --board-zoom would
  // restyle every mounted card on each wheel notch (thousands of elements on a large board).
  const styleAndScale = () =>
    canvas.evaluate((element) => ({
      zoomVariable: (element as HTMLElement).style.getPropertyValue("--board-zoom"),
      scale: new DOMMatrix(getComputedStyle(element.querySelector(".react-flow__viewport") as HTMLElement).transform).a,
    }));
  const beforeWheel = await styleAndScale();
  await alice.mouse.move(thirdCentre.x, thirdCentre.y);
  await alice.mouse.wheel(0, -120);
  await expect.poll(async () => (await styleAndScale()).scale).toBeGreaterThan(beforeWheel.scale);
  expect((await styleAndScale()).zoomVariable).toBe(beforeWheel.zoomVariable);
  // The links in view share one arrowhead marker per colour (not a marker each), and each
  // link's arrowhead is of its own colour.
  const arrowheads = await alice.evaluate(() => {
    const links = [...document.querySelectorAll<SVGPathElement>('[data-testid="link-path"]')];
    const shared = document.querySelectorAll('[data-testid="link-markers"] marker').length;
    const ownColour = links.every((link) => {
      const id = /^url\(#([\w-]+)\)$/.exec(link.getAttribute("marker-end") ?? "")?.[1];
      const head = id ? document.getElementById(id)?.querySelector("path") : null;
      return head?.getAttribute("fill") === link.getAttribute("stroke");
    });
    return { links: links.length, markers: document.querySelectorAll("marker").length, shared, ownColour };
  });
  expect(arrowheads.links).toBeGreaterThan(0);
  expect(arrowheads.ownColour).toBe(true);
  expect(arrowheads.markers).toBe(arrowheads.shared);

  // Back out to the whole board, then search: the view zooms in and the card is whole again.
  await alice.locator("body").click({ position: { x: 5, y: 5 } });
  await alice.keyboard.press("Escape");
  await alice.keyboard.press("Shift+Digit1");
  await expect(canvas).toHaveAttribute("data-zoom", "far");
  await expect(farCanvas).toHaveAttribute("data-cards", String(CARDS));
  await alice.keyboard.press("/");
  await alice.keyboard.type("renamed by Bob");
  await expect(alice.getByTestId("search-result").first()).toHaveText(/renamed by Bob/);
  await alice.keyboard.press("Enter");
  await expect(targetNode).toHaveClass(/selected/);
  await expect(canvas).toHaveAttribute("data-zoom", "near");
  await expect(targetNode.getByTestId("card-title")).toHaveText(renamed);
  await alice.screenshot({ path: "/tmp/shots/e2e-heavy-near.png" });
});
