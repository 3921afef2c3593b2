import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

import { decodePng, expectedRawLength } from "../integration/sharing-formats";

/**
 * Sharing in real Chromium against the production build: the share menu's three links each
 * open as promised in a fresh browser, the snapshot page reads without JavaScript and never
 * changes, every page runs under the nonce CSP, and exports and imports work from the UI.
 */

const SHOTS = "/tmp/shots";
mkdirSync(SHOTS, { recursive: true });

interface CreatedBoard {
  id: string;
  editUrl: string;
  viewUrl: string;
}

const MODELS = ["staged-venture-bet", "persistent-capacity", "capital-project", "platform-service", "guardrailed-exploration", "all-in-mission", "journey-team"];
const PORTFOLIO = [
  ["Checkout redesign", "Dana Weiss", "active"],
  ["Data platform", "Sam Lee", "active"],
  ["Warehouse automation", "Priya Nair", "proposed"],
  ["Partner API program", "Chen Li", "active"],
  ["AI support assistant", "Marta Gomez", "idea"],
  ["EU expansion", "Jonas Berg", "active"],
  ["Mobile onboarding", "Aisha Khan", "paused"],
  ["Pricing experiments", "Tom Fischer", "idea"],
  ["Identity & access", "Lea Martin", "active"],
] as const;

function portfolioJson(title: string) {
  const initiatives = Object.fromEntries(
    PORTFOLIO.map(([name, owner, status], index) => [
      `ini-${index}`,
      { title: name, owner, status, notes: "", modelId: MODELS[index % MODELS.length], x: (index % 3) * 280, y: Math.floor(index / 3) * 150 },
    ]),
  );
  return { meta: { schemaVersion: 1, title }, initiatives, links: { "link-1": { from: "ini-1", to: "ini-0", label: "feeds" } } };
}

/** Imports a board through the API (the JSON import is under test here too), with the default models. */
async function importBoard(page: Page, title: string): Promise<CreatedBoard> {
  const response = await page.request.post("/api/boards", { data: { title } });
  const blank = (await response.json()) as { editToken: string; id: string };
  const exported = await page.request.get(`/api/boards/${blank.id}/export?format=json`, { headers: { authorization: `Bearer ${blank.editToken}` } });
  const { models } = (await exported.json()) as { models: unknown };
  const imported = await page.request.post("/api/boards/import", { data: { ...portfolioJson(title), models } });
  expect(imported.status()).toBe(201);
  return (await imported.json()) as CreatedBoard;
}

/** A page in a fresh browser context that records Content-Security-Policy violations. */
async function freshPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext(options);
  // A person who has already picked a display name (the first-visit card is tested elsewhere).
  await context.addInitScript(() => {
    if (!localStorage.getItem("modelmap:user")) localStorage.setItem("modelmap:user", JSON.stringify({ name: "Reader", color: "#2563eb" }));
    localStorage.setItem("modelmap:name-chosen", "1");
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return { page, violations };
}

async function openBoard(browser: Browser, url: string) {
  const opened = await freshPage(browser);
  await opened.page.goto(url);
  // Generous: CI machines are shared, and a cold room load plus first sync can take a while there.
  await expect(opened.page.getByTestId("connection-status")).toHaveAttribute("data-status", "live", { timeout: 30_000 });
  return opened;
}

test("the share menu's edit, view and snapshot links each open as promised in a fresh browser", async ({ browser }) => {
  test.setTimeout(300_000);
  const setup = await browser.newPage();
  const board = await importBoard(setup, "Q3 portfolio review");
  await setup.close();

  const { page: editor, violations } = await openBoard(browser, board.editUrl);
  await expect(editor.getByTestId("initiative-card")).toHaveCount(PORTFOLIO.length);
  await editor.getByTestId("share-menu-button").click();
  const menu = editor.getByTestId("share-menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByTestId("share-edit")).toContainText("can change the board");
  await expect(menu.getByTestId("share-view")).toContainText("read-only");
  await expect(menu.getByTestId("share-snapshot")).toContainText("never changes");
  const editUrl = await editor.getByTestId("copy-edit-link").getAttribute("data-link");
  expect(editUrl).toBe(board.editUrl);

  // This browser never saw the view link: making one warns that older view links stop working.
  const warning = new Promise<string>((resolve) =>
    editor.once("dialog", (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    }),
  );
  await editor.getByTestId("create-view-link").click();
  expect(await warning).toMatch(/stops working/);
  const viewUrl = (await editor.getByTestId("copy-view-link").getAttribute("data-link")) ?? "";
  expect(viewUrl).toMatch(/\/b\/[^#?]+#token=/);
  expect(viewUrl).not.toBe(board.viewUrl);

  await editor.getByTestId("create-snapshot").click();
  const snapshotUrl = (await editor.getByTestId("copy-snapshot-link").getAttribute("data-link")) ?? "";
  expect(snapshotUrl).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);
  await editor.screenshot({ path: `${SHOTS}/share-menu.png` });

  // Edit link: a live editor.
  const { page: second } = await openBoard(browser, editUrl ?? "");
  await expect(second.getByTestId("role-badge")).toHaveText("Editor");
  await expect(second.getByTestId("initiative-card")).toHaveCount(PORTFOLIO.length);

  // View link: live and read-only; the old view link no longer opens anything.
  const { page: viewer } = await openBoard(browser, viewUrl);
  await expect(viewer.getByTestId("role-badge")).toHaveText("View only");
  await expect(viewer.getByTestId("add-initiative")).toHaveCount(0);
  await expect(viewer.getByTestId("board-title")).toBeDisabled();
  await expect(viewer.getByTestId("copy-edit-link")).toHaveCount(0);
  const { page: stale } = await freshPage(browser);
  await stale.goto(board.viewUrl);
  await expect(stale.getByTestId("board-error")).toHaveAttribute("data-status", "401");

  // Snapshot link: server-rendered, with the headers a shared page needs.
  const { page: reader, violations: readerViolations } = await freshPage(browser);
  const response = await reader.goto(snapshotUrl);
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toContain("noindex");
  expect(headers["content-security-policy"]).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  await expect(reader.getByTestId("snapshot-title")).toHaveText("Q3 portfolio review");
  await expect(reader.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(reader.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const imageUrl = (await reader.locator('meta[property="og:image"]').getAttribute("content")) ?? "";
  expect(imageUrl).toMatch(/\/s\/[A-Za-z0-9_-]{22}\/preview\.png$/);
  const image = await reader.request.get(new URL(imageUrl).pathname);
  expect(image.headers()["content-type"]).toBe("image/png");
  const preview = Buffer.from(await image.body());
  expect(decodePng(preview)).toMatchObject({ width: 1200, height: 630 });
  writeFileSync(`${SHOTS}/snapshot-preview.png`, preview);
  await expect(reader.getByTestId("snapshot-map")).toHaveAttribute("data-enhanced", "true");
  await reader.screenshot({ path: `${SHOTS}/snapshot-page.png`, fullPage: true });
  await reader.getByRole("tab", { name: "By model" }).click();
  await expect(reader.getByRole("tab", { name: "By model" })).toHaveAttribute("aria-selected", "true");
  await expect(reader.getByTestId("snapshot-card")).toHaveCount(PORTFOLIO.length);

  // Later edits never reach the snapshot.
  await editor.keyboard.press("Escape");
  await second.getByTestId("board-title").fill("Q4 portfolio review");
  await second.getByTestId("board-title").press("Enter");
  await expect(viewer.getByTestId("board-title")).toHaveValue("Q4 portfolio review");
  await reader.reload();
  await expect(reader.getByTestId("snapshot-title")).toHaveText("Q3 portfolio review");

  expect([...violations, ...readerViolations]).toEqual([]);
});

test("a snapshot page reads with JavaScript disabled: titles, models, owners and statuses are in the HTML", async ({ browser }) => {
  const setup = await browser.newPage();
  const board = await importBoard(setup, "Board deck <draft> & notes");
  const token = new URL(board.editUrl).hash.replace("#token=", "");
  const created = await setup.request.post(`/api/boards/${board.id}/snapshots`, { headers: { authorization: `Bearer ${token}` }, data: {} });
  const { url } = (await created.json()) as { url: string };
  await setup.close();

  const { page } = await freshPage(browser, { javaScriptEnabled: false });
  await page.goto(url);
  await expect(page.getByTestId("snapshot-title")).toHaveText("Board deck <draft> & notes");
  await expect(page.getByTestId("snapshot-card")).toHaveCount(PORTFOLIO.length);
  const map = page.getByTestId("snapshot-map");
  await expect(map).toHaveAttribute("data-enhanced", "false");
  for (const [title, owner] of PORTFOLIO) {
    await expect(map.getByText(title, { exact: true })).toBeVisible();
    await expect(map.getByText(new RegExp(`^${owner} · `))).toBeVisible();
  }
  await expect(map.getByText("Staged Venture Bet").first()).toBeVisible();
  await expect(page.getByTestId("snapshot-legend")).toContainText("Capital Project");
  await expect(page.getByTestId("snapshot-taken")).toHaveText(/UTC$/);
  await page.screenshot({ path: `${SHOTS}/snapshot-no-js.png`, fullPage: true });
});

test("the export menu downloads a PNG of the map, and a CSV import shows its row errors before creating a board", async ({ browser }) => {
  test.setTimeout(180_000);
  const setup = await browser.newPage();
  const board = await importBoard(setup, "Export check");
  await setup.close();
  const { page: editor } = await openBoard(browser, board.editUrl);
  await editor.getByTestId("export-menu-button").click();
  const downloading = editor.waitForEvent("download");
  await editor.getByTestId("export-png").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^export-check-\d{4}-\d{2}-\d{2}\.png$/);
  const path = `${SHOTS}/export.png`;
  await download.saveAs(path);
  const png = decodePng(readFileSync(path));
  expect(png.width).toBeGreaterThan(1000);
  expect(png.raw.length).toBe(expectedRawLength(png));

  const { page: landing, violations } = await freshPage(browser);
  await landing.goto("/");
  const csv = ["title,model,owner,status", "Checkout redesign,Staged Venture Bet,Dana Weiss,active", "Mystery,No Such Model,Sam,idea", "Data platform,Platform / Internal Service,Sam Lee,idea"].join("\n");
  await landing.getByTestId("import-file").setInputFiles({ name: "initiatives.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(landing.getByTestId("csv-preview")).toContainText("2 initiatives ready");
  await expect(landing.getByTestId("csv-errors")).toContainText("Row 3, model");
  await landing.getByTestId("csv-create").click();
  await landing.waitForURL(/\/b\/[^/#?]+#token=/);
  await expect(landing.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  await expect(landing.getByTestId("initiative-card")).toHaveCount(2);
  expect(violations).toEqual([]);
});
