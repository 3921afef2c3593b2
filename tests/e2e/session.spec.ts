import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/**
 * Live-session features in real Chromium with three people on one board: cursors, selections,
 * follow mode, dot voting, the shared timer, and offline editing with a reload while offline.
 */

interface CreatedBoard {
  id: string;
  editUrl: string;
}

const COLORS: Record<string, string> = { Alice: "#e11d48", Bob: "#0284c7", Cy: "#059669" };

async function createBoard(page: Page, title: string): Promise<CreatedBoard> {
  const response = await page.request.post("/api/boards", { data: { title } });
  expect(response.status()).toBe(201);
  return (await response.json()) as CreatedBoard;
}

/** A person who has already chosen their name (the first-visit card is tested separately). */
async function join(browser: Browser, url: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(
    ([userName, color]) => {
      if (!localStorage.getItem("modelmap:user")) localStorage.setItem("modelmap:user", JSON.stringify({ name: userName, color }));
      localStorage.setItem("modelmap:name-chosen", "1");
    },
    [name, COLORS[name] ?? "#2563eb"],
  );
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  return { context, page };
}

function cardTitled(page: Page, title: string): Locator {
  return page.getByTestId("initiative-card").filter({ has: page.getByTestId("card-title").getByText(title, { exact: true }) });
}

async function addInitiative(page: Page, title: string): Promise<string> {
  await page.getByTestId("add-initiative").click();
  await expect(page.getByTestId("card-title-input")).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press("Enter");
  const card = cardTitled(page, title);
  await expect(card).toHaveCount(1);
  const id = await card.getAttribute("data-initiative-id");
  if (!id) throw new Error("card without id");
  return id;
}

/** Adds a card by double-clicking an empty spot of the canvas (so cards do not overlap). */
async function addInitiativeAt(page: Page, title: string, x: number, y: number): Promise<string> {
  const canvas = await page.getByTestId("board-canvas").boundingBox();
  if (!canvas) throw new Error("no canvas");
  await page.mouse.dblclick(canvas.x + x, canvas.y + y);
  await expect(page.getByTestId("card-title-input")).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press("Enter");
  await expect(cardTitled(page, title)).toHaveCount(1);
  return (await cardTitled(page, title).getAttribute("data-initiative-id")) ?? "";
}

/** The board point at the centre of a page's canvas, and its zoom, from React Flow's transform. */
async function viewCenter(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    const pane = document.querySelector<HTMLElement>(".react-flow")?.getBoundingClientRect();
    const match = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(viewport?.style.transform ?? "");
    if (!match || !pane) throw new Error("no viewport");
    const [tx, ty, zoom] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return { x: (pane.width / 2 - tx) / zoom, y: (pane.height / 2 - ty) / zoom, zoom };
  });
}

async function canvasBox(page: Page) {
  const box = await page.getByTestId("board-canvas").boundingBox();
  if (!box) throw new Error("no canvas");
  return box;
}

test("three people: cursors, selections, typing, follow mode", async ({ browser }) => {
  const setup = await browser.newPage();
  const board = await createBoard(setup, "Session");
  const alice = await join(browser, board.editUrl, "Alice");
  const cardId = await addInitiative(alice.page, "Checkout redesign");
  const bob = await join(browser, board.editUrl, "Bob");
  const cy = await join(browser, board.editUrl, "Cy");

  // Everyone is in everyone's avatar row.
  for (const { page } of [alice, bob, cy]) await expect(page.getByTestId("peer-avatar")).toHaveCount(2);

  // Alice points at her card: the others see her named cursor land on that card.
  const card = cardTitled(alice.page, "Checkout redesign");
  const cardBox = await card.boundingBox();
  if (!cardBox) throw new Error("card not visible");
  await alice.page.mouse.move(cardBox.x + 20, cardBox.y + 20, { steps: 4 });
  for (const { page } of [bob, cy]) {
    const cursor = page.locator('[data-testid="remote-cursor"][data-name="Alice"]');
    await expect(cursor).toBeVisible();
    const other = await cardTitled(page, "Checkout redesign").boundingBox();
    await expect
      .poll(async () => {
        const box = await cursor.boundingBox();
        return box && other ? box.x >= other.x && box.x <= other.x + other.width && box.y >= other.y && box.y <= other.y + other.height : false;
      })
      .toBe(true);
  }

  // Alice selects it: the others see the card outlined with her name.
  await card.click({ position: { x: 120, y: 70 } });
  await expect(cardTitled(bob.page, "Checkout redesign").getByText("Alice", { exact: true })).toBeVisible();
  await expect(cardTitled(cy.page, "Checkout redesign").getByText("Alice", { exact: true })).toBeVisible();

  // Alice types in the title: the card shows who is typing.
  await alice.page.getByTestId("field-owner").click();
  await expect(bob.page.locator(`[data-testid="typing-indicator"][data-id="${cardId}"]`)).toContainText("Alice is typing");
  await alice.page.keyboard.press("Escape");
  await alice.page.mouse.click((await canvasBox(alice.page)).x + 30, (await canvasBox(alice.page)).y + 300);
  await bob.page.screenshot({ path: "/tmp/shots/session-presence.png" });

  // Bob follows Alice; Alice zooms and pans; Bob's canvas frames the same spot at her zoom.
  await bob.page.locator('[data-testid="peer-avatar"][data-name="Alice"]').click();
  await expect(bob.page.getByTestId("following")).toHaveAttribute("data-name", "Alice");
  const aliceCanvas = await canvasBox(alice.page);
  await alice.page.mouse.move(aliceCanvas.x + 400, aliceCanvas.y + 300);
  await alice.page.mouse.wheel(0, -400);
  await alice.page.mouse.move(aliceCanvas.x + 600, aliceCanvas.y + 400);
  await alice.page.mouse.down();
  await alice.page.mouse.move(aliceCanvas.x + 300, aliceCanvas.y + 200, { steps: 8 });
  await alice.page.mouse.up();
  const target = await viewCenter(alice.page);
  await expect
    .poll(async () => {
      const view = await viewCenter(bob.page);
      return Math.abs(view.x - target.x) < 2 && Math.abs(view.y - target.y) < 2 && Math.abs(view.zoom - target.zoom) < 0.01;
    })
    .toBe(true);
  await bob.page.screenshot({ path: "/tmp/shots/session-follow.png" });

  // Bob pans on his own: following stops.
  const bobCanvas = await canvasBox(bob.page);
  await bob.page.mouse.move(bobCanvas.x + 500, bobCanvas.y + 500);
  await bob.page.mouse.down();
  await bob.page.mouse.move(bobCanvas.x + 450, bobCanvas.y + 450, { steps: 4 });
  await bob.page.mouse.up();
  await expect(bob.page.getByTestId("following")).toHaveCount(0);

  // "Bring everyone to me": Cy and Bob both follow Alice.
  await alice.page.getByTestId("gather").click();
  await expect(bob.page.getByTestId("following")).toHaveAttribute("data-name", "Alice");
  await expect(cy.page.getByTestId("following")).toHaveAttribute("data-name", "Alice");

  // A closed tab's cursor and avatar go away promptly.
  await cy.context.close();
  await expect(alice.page.getByTestId("peer-avatar")).toHaveCount(1);
  await expect(alice.page.locator('[data-testid="remote-cursor"][data-name="Cy"]')).toHaveCount(0);
  for (const person of [alice, bob]) await person.context.close();
});

test("a dot vote from three people gives the right ranking, and the timer is shared", async ({ browser }) => {
  const setup = await browser.newPage();
  const board = await createBoard(setup, "Vote");
  const alice = await join(browser, board.editUrl, "Alice");
  await addInitiativeAt(alice.page, "Pricing", 200, 250);
  await addInitiativeAt(alice.page, "Search", 520, 420);
  await addInitiativeAt(alice.page, "Billing", 840, 600);
  const bob = await join(browser, board.editUrl, "Bob");
  const cy = await join(browser, board.editUrl, "Cy");

  await alice.page.getByTestId("open-vote").click();
  await alice.page.getByTestId("vote-title").fill("What do we fund next?");
  await alice.page.getByTestId("vote-per-person").fill("2");
  await alice.page.getByTestId("vote-start").click();
  await expect(alice.page.getByTestId("vote-status")).toHaveAttribute("data-dots-left", "2");

  // A click on the card's body (dispatched to it, so a neighbouring card can never catch it).
  const vote = async (page: Page, title: string) => cardTitled(page, title).getByTestId("card-owner").dispatchEvent("click");
  await vote(alice.page, "Search");
  await vote(alice.page, "Pricing");
  await vote(alice.page, "Billing"); // over the limit: ignored
  await vote(bob.page, "Search");
  await vote(bob.page, "Search");
  await vote(cy.page, "Billing");
  await vote(cy.page, "Search");

  await cy.page.getByTestId("open-vote").click();
  const ranking = cy.page.getByTestId("vote-rank");
  await expect(ranking.getByTestId("vote-rank-title")).toHaveText(["Search", "Pricing", "Billing"]);
  await expect(ranking).toHaveCount(3);
  expect(await ranking.evaluateAll((items) => items.map((item) => item.getAttribute("data-count")))).toEqual(["4", "1", "1"]);
  const searchId = await cardTitled(bob.page, "Search").getAttribute("data-initiative-id");
  await expect(bob.page.locator(`[data-testid="vote-dots"][data-id="${searchId}"]`)).toHaveAttribute("data-count", "4");
  await alice.page.getByTestId("vote-close").click();
  await expect(cy.page.getByTestId("vote-closed")).toBeVisible();
  await cy.page.screenshot({ path: "/tmp/shots/session-vote.png" });

  // Timer: Alice starts five minutes; Bob sees the same countdown; paused, both read the same.
  await alice.page.getByTestId("timer-open").click();
  await alice.page.getByTestId("timer-start-5").click();
  await expect(bob.page.getByTestId("timer")).toHaveAttribute("data-phase", "running");
  const [aliceLeft, bobLeft] = await Promise.all([alice.page, bob.page].map((page) => page.getByTestId("timer-remaining").getAttribute("data-remaining-ms")));
  expect(Math.abs(Number(aliceLeft) - Number(bobLeft))).toBeLessThan(1500);
  await alice.page.getByTestId("timer-pause").click();
  await expect(bob.page.getByTestId("timer")).toHaveAttribute("data-phase", "paused");
  const aliceText = await alice.page.getByTestId("timer-remaining").textContent();
  expect(aliceText).toMatch(/^4:5\d$/);
  await expect(bob.page.getByTestId("timer-remaining")).toHaveText(aliceText ?? "");
  await expect(bob.page.getByTestId("timer-remaining")).toHaveAttribute("data-remaining-ms", (await alice.page.getByTestId("timer-remaining").getAttribute("data-remaining-ms")) ?? "");
  await bob.page.screenshot({ path: "/tmp/shots/session-timer.png" });
  for (const person of [alice, bob, cy]) await person.context.close();
});

test("offline: edit, reload while offline, and converge with another editor's changes", async ({ browser }) => {
  const setup = await browser.newPage();
  const board = await createBoard(setup, "Offline");
  const alice = await join(browser, board.editUrl, "Alice");
  const sharedId = await addInitiative(alice.page, "Shared card");
  const bob = await join(browser, board.editUrl, "Bob");
  await expect(cardTitled(bob.page, "Shared card")).toHaveCount(1);
  await expect(alice.page.getByTestId("board-canvas")).toHaveAttribute("data-offline-ready", "true");

  await alice.context.setOffline(true);
  await expect(alice.page.getByTestId("offline-banner")).toBeVisible();
  const offlineId = await addInitiative(alice.page, "Written offline");
  await cardTitled(alice.page, "Shared card").click({ position: { x: 120, y: 70 } });
  await alice.page.getByTestId("field-owner").fill("Alice offline");

  // Meanwhile Bob edits the same card and adds his own.
  await cardTitled(bob.page, "Shared card").click({ position: { x: 120, y: 70 } });
  await bob.page.getByTestId("field-status").selectOption("active");
  await bob.page.keyboard.press("Escape");
  const bobId = await addInitiative(bob.page, "Written by Bob");

  // Alice reloads while still offline: the page opens and her edits are there.
  await alice.page.reload();
  await expect(cardTitled(alice.page, "Written offline")).toHaveCount(1);
  await expect(cardTitled(alice.page, "Shared card").getByTestId("card-owner")).toHaveText("Alice offline");
  await expect(alice.page.getByTestId("offline-banner")).toBeVisible();
  await alice.page.screenshot({ path: "/tmp/shots/session-offline.png" });
  await expect(cardTitled(alice.page, "Written by Bob")).toHaveCount(0);

  await alice.context.setOffline(false);
  await expect(alice.page.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  for (const page of [alice.page, bob.page]) {
    await expect(page.getByTestId("initiative-card")).toHaveCount(3);
    for (const id of [sharedId, offlineId, bobId]) await expect(page.locator(`[data-initiative-id="${id}"]`)).toHaveCount(1);
    const shared = page.locator(`[data-initiative-id="${sharedId}"]`);
    await expect(shared.getByTestId("card-owner")).toHaveText("Alice offline");
    await expect(shared.getByTestId("card-status")).toHaveText("Active");
  }
  await expect(alice.page.getByTestId("offline-banner")).toHaveCount(0);
  for (const person of [alice, bob]) await person.context.close();
});
