import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";

/**
 * The board in real Chromium against the real server: two people on one board see each
 * other's edits, and a view link follows along without any way to change the document.
 */

interface CreatedBoard {
  id: string;
  editUrl: string;
  viewUrl: string;
}

async function openBoard(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  return page;
}

function cardTitled(page: Page, title: string): Locator {
  return page.getByTestId("initiative-card").filter({ has: page.getByTestId("card-title").getByText(title, { exact: true }) });
}

/** A card's board position, read from React Flow's node wrapper (the document's x/y once settled). */
async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((node) => (node as HTMLElement).style.transform);
  const match = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!match) throw new Error(`no position in "${transform}"`);
  return { x: Math.round(Number(match[1])), y: Math.round(Number(match[2])) };
}

/** Drags a card by its lower edge (its owner row; the model chip is a picker, not a grip). */
async function dragCard(page: Page, card: Locator, dx: number, dy: number): Promise<void> {
  const box = await card.boundingBox();
  if (!box) throw new Error("card not visible");
  const startX = box.x + box.width / 2;
  const startY = box.y + box.height - 10;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  await page.mouse.move(startX + dx / 2, startY + dy / 2, { steps: 6 });
  await page.mouse.move(startX + dx, startY + dy, { steps: 6 });
  await page.mouse.up();
}

async function addInitiative(page: Page, title: string): Promise<Locator> {
  await page.getByTestId("add-initiative").click();
  const input = page.getByTestId("card-title-input");
  await expect(input).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press("Enter");
  const card = cardTitled(page, title);
  await expect(card).toHaveCount(1);
  return card;
}

async function createBoardViaApi(page: Page, title: string): Promise<CreatedBoard> {
  const response = await page.request.post("/api/boards", { data: { title } });
  expect(response.status()).toBe(201);
  return (await response.json()) as CreatedBoard;
}

test("two editors on one board see each other's edits, and undo is per user", async ({ browser }) => {
  // A long story across two browsers on a shared 2-core machine: give it the slow-test budget.
  test.slow();
  const alice = await browser.newPage();
  await alice.goto("/");
  await alice.getByTestId("new-board-title").fill("Portfolio review");
  await alice.getByTestId("new-board").click();
  await alice.waitForURL(/\/b\/[^/#?]+#token=/);
  await expect(alice.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  await expect(alice.getByTestId("board-title")).toHaveValue("Portfolio review");
  await expect(alice.getByTestId("role-badge")).toHaveText("Editor");

  const card = await addInitiative(alice, "Checkout redesign");
  const id = await card.getAttribute("data-initiative-id");
  if (!id) throw new Error("card without id");
  // Cards are focusable and named for assistive tools.
  const focusableCard = alice.getByLabel("Initiative: Checkout redesign", { exact: true });
  await expect(focusableCard).toHaveAttribute("tabindex", "0");

  const editUrl = await alice.getByTestId("edit-link-url").inputValue();
  expect(editUrl).toContain("#token=");
  const bob = await openBoard(browser, editUrl);
  await expect(cardTitled(bob, "Checkout redesign")).toHaveCount(1);

  // Retitle inline on the card.
  await card.getByTestId("card-title").dblclick();
  await alice.getByTestId("card-title-input").press("End");
  await alice.keyboard.type(" v2");
  await alice.keyboard.press("Enter");
  await expect(cardTitled(bob, "Checkout redesign v2")).toHaveCount(1);

  // Move: the other editor watches the card travel (awareness) and sees where it lands (document).
  const before = await nodePosition(alice, id);
  const box = await cardTitled(alice, "Checkout redesign v2").boundingBox();
  if (!box) throw new Error("card not visible");
  await alice.mouse.move(box.x + box.width / 2, box.y + box.height - 10);
  await alice.mouse.down();
  await alice.mouse.move(box.x + box.width / 2 + 90, box.y + box.height + 50, { steps: 8 });
  const midway = await nodePosition(alice, id);
  expect(midway).not.toEqual(before);
  await expect.poll(() => nodePosition(bob, id)).toEqual(midway);
  await expect(bob.getByTestId("remote-cursor")).toHaveCount(1);
  await alice.mouse.move(box.x + box.width / 2 + 180, box.y + box.height + 110, { steps: 8 });
  await alice.mouse.up();
  await expect.poll(() => nodePosition(alice, id)).not.toEqual(midway);
  const after = await nodePosition(alice, id);
  expect(after.x - before.x).toBeGreaterThan(100);
  await expect.poll(() => nodePosition(bob, id)).toEqual(after);

  // Assign a model with a rationale.
  await cardTitled(alice, "Checkout redesign v2").click();
  await expect(alice.getByTestId("inspector")).toBeVisible();
  await alice.getByTestId("model-select").selectOption("staged-venture-bet");
  await alice.getByTestId("rationale-input").fill("Prove demand before a full build");
  await alice.getByTestId("rationale-save").click();
  await expect(cardTitled(bob, "Checkout redesign v2").getByTestId("card-model")).toHaveText("Staged Venture Bet");

  // Bob's edits flow back.
  await cardTitled(bob, "Checkout redesign v2").click();
  await bob.getByTestId("field-owner").fill("Dana Weiss");
  await expect(cardTitled(alice, "Checkout redesign v2").getByTestId("card-owner")).toHaveText("Dana Weiss");
  await expect(alice.getByTestId("field-rationale")).toHaveValue("Prove demand before a full build");

  // Both type into the same title at once: every character of both stays, in place.
  await alice.getByTestId("field-title").click();
  await alice.getByTestId("field-title").press("End");
  await bob.getByTestId("field-title").click();
  await bob.getByTestId("field-title").press("Home");
  await Promise.all([alice.keyboard.type(" (EU)", { delay: 40 }), bob.keyboard.type("New ", { delay: 40 })]);
  const merged = "New Checkout redesign v2 (EU)";
  await expect(alice.getByTestId("field-title")).toHaveValue(merged);
  await expect(bob.getByTestId("field-title")).toHaveValue(merged);
  await expect(cardTitled(bob, merged)).toHaveCount(1);

  // Connect two cards by dragging from one card's handle onto the other.
  const second = await addInitiative(alice, "Payments platform");
  await cardTitled(alice, merged).hover();
  const sourceHandle = cardTitled(alice, merged).locator(".react-flow__handle-right");
  const handleBox = await sourceHandle.boundingBox();
  const targetBox = await second.boundingBox();
  if (!handleBox || !targetBox) throw new Error("handle or target not visible");
  await alice.mouse.move(handleBox.x + handleBox.width / 2, handleBox.y + handleBox.height / 2);
  await alice.mouse.down();
  await alice.mouse.move(targetBox.x + 10, targetBox.y + targetBox.height / 2, { steps: 10 });
  await alice.mouse.move(targetBox.x + 4, targetBox.y + targetBox.height / 2, { steps: 2 });
  await alice.mouse.up();
  await expect(bob.locator(".react-flow__edge")).toHaveCount(1);
  await cardTitled(alice, "Payments platform").click({ position: { x: 120, y: 70 } });
  await alice.keyboard.press("Delete");
  await expect(bob.getByTestId("initiative-card")).toHaveCount(1);
  await expect(bob.locator(".react-flow__edge")).toHaveCount(0);

  // Delete with the keyboard; the other side sees it go. Undo brings back only Alice's own delete.
  await cardTitled(alice, merged).click({ position: { x: 120, y: 70 } });
  await alice.keyboard.press("Delete");
  await expect(bob.getByTestId("initiative-card")).toHaveCount(0);
  await expect(alice.getByTestId("initiative-card")).toHaveCount(0);
  await alice.keyboard.press("Control+z");
  await expect(cardTitled(bob, merged)).toHaveCount(1);

  await alice.screenshot({ path: "/tmp/shots/e2e-editor.png" });
});

test("a view link follows live changes and offers no way to edit", async ({ browser }) => {
  test.slow();
  const setup = await browser.newPage();
  const board = await createBoardViaApi(setup, "Read-only check");
  await setup.close();
  const editor = await openBoard(browser, board.editUrl);
  const card = await addInitiative(editor, "Shared roadmap");
  const id = await card.getAttribute("data-initiative-id");
  if (!id) throw new Error("card without id");

  const viewer = await openBoard(browser, board.viewUrl);
  await expect(viewer.getByTestId("role-badge")).toHaveText("View only");
  await expect(cardTitled(viewer, "Shared roadmap")).toHaveCount(1);
  await expect(viewer.getByTestId("add-initiative")).toHaveCount(0);
  await expect(viewer.getByTestId("copy-edit-link")).toHaveCount(0);
  await expect(viewer.getByTestId("board-title")).toBeDisabled();

  // Live changes arrive.
  await cardTitled(editor, "Shared roadmap").click();
  await editor.getByTestId("field-owner").fill("Chen Li");
  await expect(cardTitled(viewer, "Shared roadmap").getByTestId("card-owner")).toHaveText("Chen Li");

  // Every way to edit is closed.
  const positionBefore = await nodePosition(viewer, id);
  const viewerCard = cardTitled(viewer, "Shared roadmap");
  await viewerCard.getByTestId("card-title").dblclick();
  await expect(viewer.getByTestId("card-title-input")).toHaveCount(0);
  await dragCard(viewer, viewerCard, 200, 150);
  expect(await nodePosition(viewer, id)).toEqual(positionBefore);
  await viewerCard.click({ position: { x: 120, y: 70 } });
  await expect(viewer.getByTestId("inspector")).toBeVisible();
  await expect(viewer.getByTestId("field-title")).toBeDisabled();
  await expect(viewer.getByTestId("field-owner")).toBeDisabled();
  await expect(viewer.getByTestId("model-select")).toBeDisabled();
  await expect(viewer.getByTestId("card-model-picker")).toBeDisabled();
  await expect(viewer.getByTestId("delete-initiative")).toHaveCount(0);
  await viewer.keyboard.press("Delete");
  await viewer.keyboard.press("n");
  await viewer.screenshot({ path: "/tmp/shots/e2e-viewer.png" });

  // The document is unchanged: reloaded from the server, the viewer sees exactly the editor's card, where it was.
  await expect(viewer.getByTestId("initiative-card")).toHaveCount(1);
  await viewer.reload();
  await expect(viewer.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  await expect(cardTitled(viewer, "Shared roadmap")).toHaveCount(1);
  await expect(viewer.getByTestId("initiative-card")).toHaveCount(1);
  expect(await nodePosition(viewer, id)).toEqual(positionBefore);
  expect(await nodePosition(editor, id)).toEqual(positionBefore);
  await expect(cardTitled(viewer, "Shared roadmap").getByTestId("card-owner")).toHaveText("Chen Li");
});

test("a link with a wrong token shows an error page, not a board", async ({ page }) => {
  const board = await createBoardViaApi(page, "Token check");
  await page.goto(`/b/${board.id}#token=not-the-right-token`);
  await expect(page.getByTestId("board-error")).toBeVisible();
  await expect(page.getByTestId("board-error")).toHaveAttribute("data-status", "401");
  await expect(page.getByTestId("initiative-card")).toHaveCount(0);
  await page.screenshot({ path: "/tmp/shots/error.png" });
});
