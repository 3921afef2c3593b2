import { mkdirSync } from "node:fs";
import { expect as baseExpect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/**
 * History in real Chromium with two people on one board: Alice saves a version, Bob changes
 * things, Alice compares the version with now and sees Bob's changes under his name, scrubs the
 * timeline back to the version in a read-only preview, restores it and Bob's board follows; the
 * inspector lists the card's own history. Screenshots land in /tmp/shots for a human look.
 */

// Two browsers and a production server share two cores here; waits are generous, not timing checks.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

const SHOTS = "/tmp/shots";

interface CreatedBoard {
  id: string;
  editUrl: string;
  editToken: string;
}

interface Person {
  context: BrowserContext;
  page: Page;
}

/** A board with the default models and two initiatives at fixed positions (through the JSON import). */
async function createBoard(page: Page): Promise<CreatedBoard> {
  const created = await page.request.post("/api/boards", { data: { title: "Portfolio review" } });
  expect(created.status()).toBe(201);
  const blank = (await created.json()) as CreatedBoard;
  const exported = await page.request.get(`/api/boards/${blank.id}/export?format=json`, { headers: { authorization: `Bearer ${blank.editToken}` } });
  const { models } = (await exported.json()) as { models: unknown };
  const card = (title: string, x: number, owner: string) => ({ title, owner, status: "active", notes: "", modelId: "capital-project", x, y: 120 });
  const imported = await page.request.post("/api/boards/import", {
    data: {
      meta: { schemaVersion: 1, title: "Portfolio review" },
      models,
      initiatives: { "ini-checkout": card("Checkout revamp", 80, "Ana"), "ini-data": card("Data platform", 420, "Ana") },
      links: {},
      notes: {},
    },
  });
  expect(imported.status()).toBe(201);
  return (await imported.json()) as CreatedBoard;
}

async function join(browser: Browser, url: string, name: string, color: string): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(
    ([userName, userColor]) => {
      if (!localStorage.getItem("modelmap:user")) localStorage.setItem("modelmap:user", JSON.stringify({ name: userName, color: userColor }));
      localStorage.setItem("modelmap:name-chosen", "1");
    },
    [name, color],
  );
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  return { context, page };
}

function cardTitled(page: Page, title: string): Locator {
  return page.getByTestId("initiative-card").filter({ has: page.getByTestId("card-title").getByText(title, { exact: true }) });
}

async function addInitiative(page: Page, title: string): Promise<void> {
  await page.getByTestId("add-initiative").click();
  await expect(page.getByTestId("card-title-input")).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press("Enter");
  await expect(cardTitled(page, title)).toHaveCount(1);
}

test("save a version, see another person's changes with their name, scrub back, restore for everyone", async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  const setup = await browser.newPage();
  const board = await createBoard(setup);
  await setup.close();
  const alice = await join(browser, board.editUrl, "Alice", "#e11d48");
  const bob = await join(browser, board.editUrl, "Bob", "#0284c7");

  // Alice saves "Q3 planning".
  await alice.page.getByTestId("history-button").click();
  await expect(alice.page.getByTestId("history-panel")).toBeVisible();
  await alice.page.getByTestId("version-label").fill("Q3 planning");
  await alice.page.getByTestId("save-version").click();
  const q3 = alice.page.getByTestId("version-item").filter({ hasText: "Q3 planning" });
  await expect(q3).toHaveCount(1);
  await expect(q3).toContainText("Alice");

  // Bob re-models "Checkout revamp" with a rationale, hands it to Dana, and adds a card.
  await cardTitled(bob.page, "Checkout revamp").click();
  await expect(bob.page.getByTestId("inspector")).toBeVisible();
  await bob.page.getByTestId("model-select").selectOption("staged-venture-bet");
  await bob.page.getByTestId("rationale-input").fill("We only fund the next gate");
  await bob.page.getByTestId("rationale-save").click();
  await bob.page.getByTestId("field-owner").fill("Dana");
  await bob.page.getByTestId("field-status").selectOption("paused");
  await addInitiative(bob.page, "Pricing test");
  await expect(cardTitled(alice.page, "Pricing test")).toHaveCount(1);
  await expect(cardTitled(alice.page, "Checkout revamp").getByTestId("card-owner")).toHaveText("Dana");

  // Alice compares the version with now: Bob's changes, under his name, in the list and on the canvas.
  await q3.getByTestId("version-compare").click();
  const preview = alice.page.getByTestId("history-preview-pane");
  await expect(preview).toBeVisible();
  await expect(alice.page.getByTestId("history-preview-label")).toContainText("Q3 planning");
  const added = preview.getByTestId("diff-added").filter({ hasText: "Pricing test" });
  await expect(added).toContainText("by Bob");
  const reassignment = preview.getByTestId("diff-reassignment").filter({ hasText: "Checkout revamp" });
  await expect(reassignment).toContainText("Capital Project → Staged Venture Bet");
  await expect(reassignment).toContainText("We only fund the next gate");
  await expect(reassignment).toContainText("by Bob");
  await expect(preview.getByTestId("diff-view")).toContainText("Dana");
  await alice.page.screenshot({ path: `${SHOTS}/history-compare.png` });

  // The timeline tells the story in words.
  await alice.page.getByTestId("history-preview-close").click();
  await alice.page.getByTestId("history-button").click();
  await alice.page.getByTestId("history-button").click();
  await expect(alice.page.getByTestId("history-timeline")).toContainText("Bob");
  await alice.page.screenshot({ path: `${SHOTS}/history-panel.png` });

  // Scrubbing back to the version shows the board as it was, read-only; the live board is untouched.
  const scrubber = alice.page.getByTestId("history-scrubber");
  await scrubber.focus();
  await scrubber.press("Home");
  await expect(alice.page.getByTestId("history-scrubber-label")).toContainText("Q3 planning");
  await expect(alice.page.getByTestId("history-preview-label")).toContainText("Viewing: ");
  await expect(preview).toContainText("Checkout revamp");
  await expect(preview).not.toContainText("Pricing test");
  await alice.page.screenshot({ path: `${SHOTS}/history-scrub.png` });
  await scrubber.press("End");
  await expect(alice.page.getByTestId("history-scrubber-label")).toHaveText("Now");
  await expect(cardTitled(bob.page, "Pricing test")).toHaveCount(1);

  // Restore the version: Bob's board changes back as one change.
  await scrubber.press("Home");
  await expect(alice.page.getByTestId("history-preview-label")).toContainText("Viewing: ");
  await alice.page.getByTestId("history-restore").click();
  await alice.page.getByTestId("history-restore-confirm").click();
  await expect(alice.page.getByTestId("history-message")).toContainText("Restored");
  await expect(cardTitled(bob.page, "Pricing test")).toHaveCount(0);
  await expect(cardTitled(bob.page, "Checkout revamp").getByTestId("card-owner")).toHaveText("Ana");
  await expect(cardTitled(bob.page, "Checkout revamp").getByTestId("card-model")).toHaveText("Capital Project");
  const undo = alice.page.getByTestId("version-item").filter({ hasText: "Before restoring" });
  await expect(undo).toHaveCount(1);

  // The card's own history in the inspector: Bob's changes, the rationale, and the restore.
  await alice.page.getByTestId("history-button").click();
  await cardTitled(alice.page, "Checkout revamp").click();
  const cardHistory = alice.page.getByTestId("inspector-history");
  await cardHistory.scrollIntoViewIfNeeded();
  const entries = cardHistory.getByTestId("initiative-history-entry");
  await expect(entries.filter({ hasText: "Model: Capital Project → Staged Venture Bet" })).toContainText("Bob");
  await expect(entries.filter({ hasText: "Model: Capital Project → Staged Venture Bet" })).toContainText("We only fund the next gate");
  await expect(entries.filter({ hasText: "Owner: Ana → Dana" })).toContainText("Bob");
  await expect(entries.filter({ hasText: "Owner: Dana → Ana" })).toContainText("restore by Alice");
  await alice.page.screenshot({ path: `${SHOTS}/history-card.png` });

  await alice.context.close();
  await bob.context.close();
});
