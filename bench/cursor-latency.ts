/**
 * Cursor latency between two browser contexts (issue 4, "Done means"): person A moves the mouse
 * over the canvas, person B sees A's cursor. Runs the production server (build first:
 * `npx next build`) on a free port with a fresh data directory, or uses --url, and drives
 * /usr/bin/chromium (or Playwright's own) through playwright-core.
 *
 *   npx tsx bench/cursor-latency.ts [--moves 60] [--gap 700] [--url http://127.0.0.1:3000]
 *
 * Three figures per move, all from page clocks (performance.timeOrigin + high-resolution time,
 * one machine), from A's pointermove event to B drawing its cursor: "first motion" when it first
 * moves toward the new point (throttle, awareness over the websocket, server relay, B's next
 * frame); "90 % there" when it has covered nine tenths of the jump, and "arrival" when it is
 * within 1.5 board px of the point (both add the easing that makes remote cursors glide; the
 * jumps here are long, 300-800 px, so they show the easing at its slowest).
 * BENCH_MODELMAP_DIR runs the server from another checkout.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** B's drawn cursor counts as arrived within this many board pixels of A's point. */
const ARRIVAL_TOLERANCE = 1.5;
const serverDirectory = path.resolve(process.env.BENCH_MODELMAP_DIR ?? path.join(import.meta.dirname, ".."));

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  if (!existsSync(path.join(serverDirectory, ".next", "BUILD_ID"))) {
    throw new Error(`no production build in ${serverDirectory}: run \`npx next build\` first`);
  }
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: serverDirectory,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGTERM");
  throw new Error("server did not become healthy within 120 s");
}

/** A board with one card, so the canvas is framed the way a real board is. */
async function createBoard(base: string): Promise<string> {
  const created = await fetch(`${base}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Cursor latency" }) });
  const blank = (await created.json()) as { id: string; editToken: string };
  const exported = await fetch(`${base}/api/boards/${blank.id}/export?format=json`, { headers: { authorization: `Bearer ${blank.editToken}` } });
  const { models } = (await exported.json()) as { models: unknown };
  const initiatives = { card: { title: "Target", owner: "", status: "idea", notes: "", modelId: null, x: 0, y: 0 } };
  const imported = await fetch(`${base}/api/boards/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ meta: { schemaVersion: 1, title: "Cursor latency" }, models, initiatives, links: {}, notes: {} }),
  });
  if (imported.status !== 201) throw new Error(`import: ${imported.status} ${await imported.text()}`);
  return ((await imported.json()) as { editUrl: string }).editUrl.replace(/^https?:\/\/[^/]+/, base);
}

async function openAs(browser: Browser, url: string, name: string, color: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(
    ([userName, userColor]) => {
      localStorage.setItem("modelmap:user", JSON.stringify({ name: userName, color: userColor }));
      localStorage.setItem("modelmap:name-chosen", "1");
    },
    [name, color],
  );
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor({ timeout: 120_000 });
  return page;
}

interface SentMove {
  at: number;
  x: number;
  y: number;
}

interface DrawnPosition {
  at: number;
  x: number;
  y: number;
}

/** In A: every pointermove over the canvas with its time and board position. */
async function recordMoves(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: SentMove[] = [];
    (window as unknown as { __sentMoves: SentMove[] }).__sentMoves = log;
    window.addEventListener(
      "pointermove",
      (event) => {
        const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
        const pane = document.querySelector<HTMLElement>(".react-flow")?.getBoundingClientRect();
        const match = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(viewport?.style.transform ?? "");
        if (!match || !pane) return;
        const [tx, ty, zoom] = [Number(match[1]), Number(match[2]), Number(match[3])];
        log.push({ at: performance.timeOrigin + event.timeStamp, x: (event.clientX - pane.left - tx) / zoom, y: (event.clientY - pane.top - ty) / zoom });
      },
      { capture: true },
    );
  });
}

/** In B: every position the remote cursor of `name` is drawn at, with the time it was drawn. */
async function recordDrawn(page: Page, name: string): Promise<void> {
  const selector = `[data-testid="remote-cursor"][data-name="${name}"]`;
  await page.locator(selector).waitFor({ state: "attached", timeout: 60_000 });
  await page.evaluate((cursorSelector) => {
    const log: DrawnPosition[] = [];
    (window as unknown as { __drawn: DrawnPosition[] }).__drawn = log;
    const element = document.querySelector<HTMLElement>(cursorSelector);
    if (!element) throw new Error("no remote cursor");
    // data-x/data-y carry the eased position in board px, rounded; the transform carries it exactly.
    new MutationObserver(() => {
      const match = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(element.style.transform);
      if (match) log.push({ at: performance.timeOrigin + performance.now(), x: Number(match[1]), y: Number(match[2]) });
    }).observe(element, { attributes: true, attributeFilter: ["style"] });
  }, selector);
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

function describe(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const format = (value: number) => `${value.toFixed(1)} ms`;
  return `${label.padEnd(13)} n=${sorted.length}  p50 ${format(percentile(sorted, 0.5))}  p95 ${format(percentile(sorted, 0.95))}  max ${format(sorted[sorted.length - 1] ?? Number.NaN)}`;
}

async function main(): Promise<void> {
  const moves = Number(option("moves") ?? 60);
  const gapMs = Number(option("gap") ?? 700);
  let server: ChildProcess | null = null;
  let dataDir: string | null = null;
  let base = option("url");
  if (!base) {
    dataDir = mkdtempSync(path.join(tmpdir(), "modelmap-cursor-"));
    const port = await freePort();
    server = await startServer(port, dataDir);
    base = `http://127.0.0.1:${port}`;
  }
  const browser = await chromium.launch({ executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined, args: CHROMIUM_ARGS });
  try {
    const url = await createBoard(base);
    const pointer = await openAs(browser, url, "A", "#e11d48");
    const watcher = await openAs(browser, url, "B", "#0284c7");
    const canvas = await pointer.locator('[data-testid="board-canvas"]').boundingBox();
    if (!canvas) throw new Error("no canvas");
    await pointer.mouse.move(canvas.x + 200, canvas.y + 200);
    await recordDrawn(watcher, "A");
    await recordMoves(pointer);
    await pointer.waitForTimeout(gapMs);

    // Far apart points, so each move is one clear jump; the gap lets the eased cursor settle.
    for (let index = 0; index < moves; index += 1) {
      const x = canvas.x + 150 + (index % 2) * 700 + ((index * 37) % 90);
      const y = canvas.y + 150 + (index % 3) * 180 + ((index * 53) % 70);
      await pointer.mouse.move(x, y);
      await pointer.waitForTimeout(gapMs);
    }

    const sent = await pointer.evaluate(() => (window as unknown as { __sentMoves: SentMove[] }).__sentMoves);
    const drawn = await watcher.evaluate(() => (window as unknown as { __drawn: DrawnPosition[] }).__drawn);
    const firstMotion: number[] = [];
    const mostOfTheWay: number[] = [];
    const arrival: number[] = [];
    for (const [index, move] of sent.entries()) {
      const until = sent[index + 1]?.at ?? Number.POSITIVE_INFINITY;
      const before = [...drawn].reverse().find((position) => position.at <= move.at);
      const after = drawn.filter((position) => position.at > move.at && position.at < until + gapMs);
      const moved = after.find((position) => !before || Math.hypot(position.x - before.x, position.y - before.y) > ARRIVAL_TOLERANCE);
      const arrived = after.find((position) => Math.hypot(position.x - move.x, position.y - move.y) <= ARRIVAL_TOLERANCE);
      const jump = before ? Math.hypot(move.x - before.x, move.y - before.y) : 0;
      const nearly = after.find((position) => Math.hypot(position.x - move.x, position.y - move.y) <= Math.max(ARRIVAL_TOLERANCE, jump / 10));
      if (moved) firstMotion.push(moved.at - move.at);
      if (nearly) mostOfTheWay.push(nearly.at - move.at);
      if (arrived) arrival.push(arrived.at - move.at);
    }
    const [one, five, fifteen] = loadavg().map((value) => value.toFixed(1));
    console.log(`cursor latency, production server, Chromium, ${sent.length} moves ${gapMs} ms apart (load average ${one} ${five} ${fifteen})`);
    console.log(describe("first motion", firstMotion));
    console.log(describe("90 % there", mostOfTheWay));
    console.log(describe("arrival", arrival));
    if (firstMotion.length < sent.length) console.log(`${sent.length - firstMotion.length} moves never showed up at B`);
  } finally {
    await browser.close();
    server?.kill("SIGTERM");
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
