import { expect, test, type Browser, type Page } from "@playwright/test";
import { generateBoard } from "../../lib/board/generator";

/**
 * A 300-card board seen from far away: cards are drawn on one canvas while their nodes stay,
 * unpainted, for pointing and screen readers; a card another person renames keeps its
 * accessible name in step; selecting or zooming in brings the whole card back.
 */

const SEED = 20261207;
const CARDS = 300;

test.describe.configure({ timeout: 150_000 });

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

test("a 300-card board opens as far-zoom tiles, stays live for screen readers, and comes back whole when zoomed in", async ({ browser, request }) => {
  const content = generateBoard(SEED, CARDS);
  const counts = new Map<string, number>();
  for (const initiative of Object.values(content.initiatives)) counts.set(initiative.title, (counts.get(initiative.title) ?? 0) + 1);
  const created = await request.post("/api/boards/import", { data: content });
  expect(created.status()).toBe(201);
  const { editUrl } = (await created.json()) as { editUrl: string };

  const alice = await person(browser, "Alice", editUrl);
  const canvas = alice.getByTestId("board-canvas");
  await expect(canvas).toHaveAttribute("data-zoom", "far");
  const farCanvas = alice.getByTestId("far-zoom-canvas");
  await expect(farCanvas).toBeAttached();
  expect(Number(await farCanvas.getAttribute("width"))).toBeGreaterThan(0);
  // Only cards in view are rendered: take one on screen whose title is unique on the board.
  const rendered = await alice.locator(".react-flow__node-initiative").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-id")));
  const target = rendered.map((id) => (id ? content.initiatives[id] : undefined)).find((initiative) => initiative && counts.get(initiative.title) === 1);
  if (!target) throw new Error("no card on screen has a unique title");
  const targetNode = alice.locator(`.react-flow__node[data-id="${target.id}"]`);
  await expect(targetNode).toHaveAttribute("aria-label", `Initiative: ${target.title}`);
  // Drawn on the canvas, not painted as a node; the node stays for pointing and screen readers.
  await expect.poll(() => targetNode.evaluate((element) => getComputedStyle(element).opacity)).toBe("0");
  await alice.screenshot({ path: "/tmp/shots/e2e-heavy-far.png" });

  // Bob renames the card from his inspector; Alice's far node carries the new name.
  const bob = await person(browser, "Bob", editUrl);
  await bob.locator("body").click({ position: { x: 5, y: 5 } });
  await bob.keyboard.press("/");
  await bob.keyboard.type(target.title);
  await expect(bob.getByTestId("search-result").first()).toHaveText(new RegExp(target.title));
  await bob.keyboard.press("Enter");
  await expect(bob.locator(`.react-flow__node[data-id="${target.id}"]`)).toHaveClass(/selected/);
  const renamed = `${target.title} (renamed by Bob)`;
  await bob.getByTestId("field-title").fill(renamed);
  await expect(targetNode).toHaveAttribute("aria-label", `Initiative: ${renamed}`);

  // Alice selects it by search: the view zooms in to it and the card is whole again.
  await alice.locator("body").click({ position: { x: 5, y: 5 } });
  await alice.keyboard.press("/");
  await alice.keyboard.type("renamed by Bob");
  await expect(alice.getByTestId("search-result").first()).toHaveText(/renamed by Bob/);
  await alice.keyboard.press("Enter");
  await expect(targetNode).toHaveClass(/selected/);
  await expect(canvas).toHaveAttribute("data-zoom", "near");
  await expect(targetNode.getByTestId("card-title")).toHaveText(renamed);
  await expect.poll(() => targetNode.evaluate((element) => getComputedStyle(element).opacity)).toBe("1");
  await expect(alice.getByTestId("far-zoom-canvas")).toHaveCount(0);
  await alice.screenshot({ path: "/tmp/shots/e2e-heavy-near.png" });
});
