import { expect as baseExpect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/**
 * Live-session features in real Chromium with up to three people on one board: the first-visit
 * name card, cursors, selections, typing, follow mode, dot voting, the shared timer, comments,
 * "since your last visit", and offline editing with a reload while offline. Screenshots of each
 * land in /tmp/shots for a human look.
 */

// Three browsers and a production server share two cores here; waits are generous, not timing checks.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

const SHOTS = "/tmp/shots";
const COLORS: Record<string, string> = { Alice: "#e11d48", Bob: "#0284c7", Cy: "#059669" };

interface CreatedBoard {
  id: string;
  editUrl: string;
  editToken: string;
}

interface Person {
  context: BrowserContext;
  page: Page;
}

/**
 * A board with the default models and these initiatives at fixed board positions (through the
 * JSON import), so cards never overlap whatever the viewport.
 */
async function createBoard(page: Page, title: string, cards: readonly { title: string; x: number; y: number }[] = []): Promise<CreatedBoard> {
  const created = await page.request.post("/api/boards", { data: { title } });
  expect(created.status()).toBe(201);
  const blank = (await created.json()) as CreatedBoard;
  if (cards.length === 0) return blank;
  const exported = await page.request.get(`/api/boards/${blank.id}/export?format=json`, { headers: { authorization: `Bearer ${blank.editToken}` } });
  const { models } = (await exported.json()) as { models: unknown };
  const initiatives = Object.fromEntries(
    cards.map((card, index) => [`ini-${index}`, { title: card.title, owner: "", status: "idea", notes: "", modelId: null, x: card.x, y: card.y }]),
  );
  const imported = await page.request.post("/api/boards/import", { data: { meta: { schemaVersion: 1, title }, models, initiatives, links: {}, notes: {} } });
  expect(imported.status()).toBe(201);
  return (await imported.json()) as CreatedBoard;
}

/** A person who has already chosen their name (the first-visit card is tested in the first test). */
async function join(browser: Browser, url: string, name: string): Promise<Person> {
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

/** Adds a card by double-clicking a spot of the canvas (so it lands clear of the others). */
async function addInitiativeAt(page: Page, title: string, x: number, y: number): Promise<string> {
  const canvas = await canvasBox(page);
  await page.mouse.dblclick(canvas.x + x, canvas.y + y);
  await expect(page.getByTestId("card-title-input")).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press("Enter");
  const card = cardTitled(page, title);
  await expect(card).toHaveCount(1);
  const id = await card.getAttribute("data-initiative-id");
  if (!id) throw new Error("card without id");
  return id;
}

test("three people: name card, cursors, selections, typing, follow mode", async ({ browser }) => {
  const setup = await browser.newPage();
  const board = await createBoard(setup, "Session", [{ title: "Checkout redesign", x: 0, y: 0 }]);
  const alice = await join(browser, board.editUrl, "Alice");
  const bob = await join(browser, board.editUrl, "Bob");

  // Cy comes for the first time: the name card asks who she is before anything else.
  const cyContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const cy: Person = { context: cyContext, page: await cyContext.newPage() };
  await cy.page.goto(board.editUrl);
  await expect(cy.page.getByTestId("name-dialog")).toBeVisible();
  await cy.page.screenshot({ path: `${SHOTS}/session-name-card.png` });
  await cy.page.getByTestId("name-input").fill("Cy");
  await cy.page.getByTestId("name-save").click();
  await expect(cy.page.getByTestId("name-dialog")).toHaveCount(0);
  await expect(alice.page.locator('[data-testid="peer-avatar"][data-name="Cy"]')).toBeVisible();
  const cardId = (await cardTitled(alice.page, "Checkout redesign").getAttribute("data-initiative-id")) ?? "";

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
  await bob.page.screenshot({ path: `${SHOTS}/session-cursor.png` });

  // Alice selects it: the others see the card outlined with her name.
  await card.click({ position: { x: 120, y: 70 } });
  await expect(cardTitled(bob.page, "Checkout redesign").getByText("Alice", { exact: true })).toBeVisible();
  await expect(cardTitled(cy.page, "Checkout redesign").getByText("Alice", { exact: true })).toBeVisible();

  // Alice types in a field of the card: the card shows who is typing.
  await alice.page.getByTestId("field-owner").click();
  await expect(bob.page.locator(`[data-testid="typing-indicator"][data-id="${cardId}"]`)).toContainText("Alice is typing");
  await bob.page.screenshot({ path: `${SHOTS}/session-presence.png` });
  await alice.page.keyboard.press("Escape");
  await alice.page.mouse.click((await canvasBox(alice.page)).x + 30, (await canvasBox(alice.page)).y + 300);

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
  // Her view is settled once two reads a moment apart agree.
  let target = await viewCenter(alice.page);
  await expect
    .poll(async () => {
      const now = await viewCenter(alice.page);
      const settled = now.x === target.x && now.y === target.y && now.zoom === target.zoom;
      target = now;
      return settled;
    })
    .toBe(true);
  await expect
    .poll(async () => {
      const view = await viewCenter(bob.page);
      return Math.abs(view.x - target.x) < 2 && Math.abs(view.y - target.y) < 2 && Math.abs(view.zoom - target.zoom) < 0.01;
    })
    .toBe(true);
  await bob.page.screenshot({ path: `${SHOTS}/session-follow.png` });

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
  // One column in the middle of the canvas: the vote panel on the right never covers a card.
  const board = await createBoard(setup, "Vote", [
    { title: "Pricing", x: 0, y: 0 },
    { title: "Search", x: 0, y: 180 },
    { title: "Billing", x: 0, y: 360 },
  ]);
  const alice = await join(browser, board.editUrl, "Alice");
  const bob = await join(browser, board.editUrl, "Bob");
  const cy = await join(browser, board.editUrl, "Cy");

  await alice.page.getByTestId("open-vote").click();
  await alice.page.getByTestId("vote-title").fill("What do we fund next?");
  await alice.page.getByTestId("vote-per-person").fill("2");
  await alice.page.getByTestId("vote-start").click();
  await expect(alice.page.getByTestId("vote-status")).toHaveAttribute("data-dots-left", "2");
  for (const { page } of [bob, cy]) {
    await page.getByTestId("open-vote").click();
    await expect(page.getByTestId("vote-status")).toHaveAttribute("data-dots-left", "2");
  }

  /** A click on a card's body places a dot; each one is confirmed before the next. */
  const vote = async (page: Page, title: string, leftAfter: number) => {
    await cardTitled(page, title).getByTestId("card-owner").click();
    await expect(page.getByTestId("vote-status")).toHaveAttribute("data-dots-left", String(leftAfter));
  };
  await vote(alice.page, "Search", 1);
  await vote(alice.page, "Pricing", 0);
  await vote(alice.page, "Billing", 0); // over the limit: no dot
  await vote(bob.page, "Search", 1);
  await vote(bob.page, "Pricing", 0);
  await vote(cy.page, "Search", 1);
  await vote(cy.page, "Billing", 0);

  // Search 3, Pricing 2, Billing 1 (Alice's extra dot did not count), the same for everyone.
  for (const { page } of [alice, bob, cy]) {
    const ranking = page.getByTestId("vote-rank");
    await expect(ranking.getByTestId("vote-rank-title")).toHaveText(["Search", "Pricing", "Billing"]);
    await expect
      .poll(() => ranking.evaluateAll((items) => items.map((item) => item.getAttribute("data-count"))))
      .toEqual(["3", "2", "1"]);
  }
  const searchId = await cardTitled(bob.page, "Search").getAttribute("data-initiative-id");
  await expect(bob.page.locator(`[data-testid="vote-dots"][data-id="${searchId}"]`)).toHaveAttribute("data-count", "3");
  await cy.page.screenshot({ path: `${SHOTS}/session-vote-open.png` });
  await alice.page.getByTestId("vote-close").click();
  await expect(cy.page.getByTestId("vote-closed")).toBeVisible();
  await expect(cy.page.getByTestId("vote-rank-title")).toHaveText(["Search", "Pricing", "Billing"]);
  await cy.page.screenshot({ path: `${SHOTS}/session-vote.png` });

  // Timer: Alice starts five minutes; Bob's countdown runs to the same end; paused, both read the same.
  await alice.page.getByTestId("timer-open").click();
  await alice.page.getByTestId("timer-start-5").click();
  await expect(bob.page.getByTestId("timer")).toHaveAttribute("data-phase", "running");
  const aliceEnd = await alice.page.getByTestId("timer-remaining").getAttribute("data-ends-at");
  expect(Number(aliceEnd)).toBeGreaterThan(0);
  await expect(bob.page.getByTestId("timer-remaining")).toHaveAttribute("data-ends-at", aliceEnd ?? "");
  await expect(bob.page.getByTestId("timer-remaining")).toHaveText(/^[0-4]:[0-5]\d$/);
  await bob.page.screenshot({ path: `${SHOTS}/session-timer.png` });
  await alice.page.getByTestId("timer-pause").click();
  await expect(bob.page.getByTestId("timer")).toHaveAttribute("data-phase", "paused");
  const alicePaused = alice.page.getByTestId("timer-remaining");
  const pausedMs = Number(await alicePaused.getAttribute("data-remaining-ms"));
  expect(pausedMs).toBeGreaterThan(0);
  expect(pausedMs).toBeLessThanOrEqual(5 * 60_000);
  await expect(bob.page.getByTestId("timer-remaining")).toHaveAttribute("data-remaining-ms", String(pausedMs));
  await expect(bob.page.getByTestId("timer-remaining")).toHaveText((await alicePaused.textContent()) ?? "");
  await bob.page.screenshot({ path: `${SHOTS}/session-timer-paused.png` });
  for (const person of [alice, bob, cy]) await person.context.close();
});

test("comments on a card, and what changed since your last visit", async ({ browser }) => {
  const setup = await browser.newPage();
  const board = await createBoard(setup, "Async", [
    { title: "Pricing", x: 0, y: 0 },
    { title: "Search", x: 320, y: 0 },
  ]);
  const alice = await join(browser, board.editUrl, "Alice");
  const bob = await join(browser, board.editUrl, "Bob");
  const pricingId = (await cardTitled(alice.page, "Pricing").getAttribute("data-initiative-id")) ?? "";

  // Alice starts a thread on Pricing; Bob sees the open-thread count on the card and replies.
  await cardTitled(alice.page, "Pricing").click({ position: { x: 120, y: 70 } });
  await alice.page.getByTestId("open-comments").click();
  await alice.page.getByTestId("new-thread-input").fill("Should we test the new prices in one region first?");
  await alice.page.getByTestId("new-thread-input-send").click();
  const bobCount = bob.page.locator(`[data-testid="thread-count"][data-id="${pricingId}"]`);
  await expect(bobCount).toHaveAttribute("data-count", "1");
  await bobCount.click();
  const bobThread = bob.page.getByTestId("thread");
  await expect(bobThread.getByTestId("comment")).toHaveCount(1);
  await bobThread.getByTestId("reply-input").fill("Yes: the Nordics, for six weeks.");
  await bobThread.getByTestId("reply-input-send").click();
  await expect(alice.page.getByTestId("thread").getByTestId("comment")).toHaveCount(2);
  await alice.page.getByTestId("thread-mark-decision").click();
  await expect(bobThread.getByTestId("thread-decision")).toBeVisible();
  await alice.page.screenshot({ path: `${SHOTS}/session-comments.png` });
  await alice.page.getByTestId("thread-resolve").click();
  await expect(bobThread).toHaveAttribute("data-resolved", "true");
  await expect(bobCount).toHaveCount(0);

  // Alice leaves; Bob adds a card and retitles another; Alice comes back to a summary.
  await alice.page.goto("about:blank");
  await addInitiativeAt(bob.page, "Partner API", 200, 600);
  await cardTitled(bob.page, "Search").click({ position: { x: 120, y: 70 } });
  await bob.page.getByTestId("field-owner").fill("Dana");
  await bob.page.keyboard.press("Escape");
  await expect(cardTitled(bob.page, "Search").getByTestId("card-owner")).toHaveText("Dana");
  await alice.page.goto(board.editUrl);
  const summary = alice.page.getByTestId("since-visit");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("Partner API");
  await expect(summary).toContainText("Search");
  await expect(summary).toContainText("Bob");
  await expect(alice.page.getByTestId("since-visit-highlight")).toHaveCount(2);
  await alice.page.screenshot({ path: `${SHOTS}/session-since-visit.png` });
  await alice.page.getByTestId("since-visit-dismiss").click();
  await expect(summary).toHaveCount(0);
  await expect(alice.page.getByTestId("since-visit-highlight")).toHaveCount(0);
  for (const person of [alice, bob]) await person.context.close();
});

test("offline: edit, reload while offline, and converge with another editor's changes", async ({ browser }) => {
  const setup = await browser.newPage();
  const board = await createBoard(setup, "Offline", [{ title: "Shared card", x: 0, y: 0 }]);
  const alice = await join(browser, board.editUrl, "Alice");
  const bob = await join(browser, board.editUrl, "Bob");
  const sharedId = (await cardTitled(alice.page, "Shared card").getAttribute("data-initiative-id")) ?? "";

  // The shell worker controls the page and holds its copy before the network goes.
  await expect(alice.page.getByTestId("board-canvas")).toHaveAttribute("data-offline-ready", "true");
  await expect.poll(() => alice.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await alice.context.setOffline(true);
  await expect(alice.page.getByTestId("offline-banner")).toBeVisible();
  await cardTitled(alice.page, "Shared card").click({ position: { x: 120, y: 70 } });
  await alice.page.getByTestId("field-owner").fill("Alice offline");
  await alice.page.keyboard.press("Escape");
  const offlineId = await addInitiativeAt(alice.page, "Written offline", 200, 200);

  // Meanwhile Bob edits the same card and adds his own.
  await cardTitled(bob.page, "Shared card").click({ position: { x: 120, y: 70 } });
  await bob.page.getByTestId("field-status").selectOption("active");
  await bob.page.keyboard.press("Escape");
  const bobId = await addInitiativeAt(bob.page, "Written by Bob", 200, 600);

  // Alice reloads while still offline: the page opens from the worker's copy and her edits are there.
  await alice.page.reload();
  await expect(cardTitled(alice.page, "Written offline")).toHaveCount(1);
  await expect(cardTitled(alice.page, "Shared card").getByTestId("card-owner")).toHaveText("Alice offline");
  await expect(alice.page.getByTestId("offline-banner")).toBeVisible();
  await alice.page.screenshot({ path: `${SHOTS}/session-offline.png` });
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
