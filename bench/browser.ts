/**
 * Browser figures for heavy boards (DESIGN.md "Acceptance figures"): time to interactive for
 * 300/1,000/2,000-card boards, p95 frame time while panning and zooming the 2,000-card board,
 * and the board page's JavaScript gzipped. Builds (unless --skip-build), starts the production
 * server on a free port with a fresh data directory, creates each board through
 * POST /api/boards/import from the seeded generator, and drives /usr/bin/chromium through
 * playwright-core.
 *
 *   npx tsx bench/browser.ts [--skip-build] [--sizes 300,1000,2000] [--runs 3] [--baseline DIR] [--out FILE]
 *
 * --baseline DIR measures a second checkout (built, with node_modules) side by side: its own
 * server and boards, every measurement interleaved with this checkout's, so a busy machine
 * weighs on both alike and the ratio stays meaningful.
 *
 * Writes bench/results/browser-<date>.json (or FILE with `--out`, how `npm run bench` takes the
 * figures into its one report) and prints a table. On SIGINT or SIGTERM it stops its servers and
 * Chromium and removes its data directories before exiting.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { generateBoard } from "../lib/board/generator";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // A document that Playwright fulfils (see isolate) has no network address of its own, so
  // Chromium's local network access checks would block its websocket to 127.0.0.1. The other
  // pages load from 127.0.0.1 and reach 127.0.0.1, which those checks never stop.
  "--disable-features=LocalNetworkAccessChecks",
];
const SEED = 20261125;
const VIEWPORT = { width: 1440, height: 900 };
/**
 * Interactive = live, cards on screen (as nodes, or painted on the far-zoom canvas), and this many
 * consecutive frames under 50 ms.
 */
const QUIET_FRAMES = 3;

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

async function startServer(port: number, dataDir: string, cwd: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd,
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

async function importBoard(base: string, cards: number): Promise<string> {
  const response = await fetch(`${base}/api/boards/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(generateBoard(SEED, cards)),
  });
  if (response.status !== 201) throw new Error(`import of ${cards} cards: ${response.status} ${await response.text()}`);
  const board = (await response.json()) as { editUrl: string };
  return board.editUrl.replace(/^https?:\/\/[^/]+/, base);
}

async function newPage(browser: Browser, isolatedUrl?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // A first visit asks for a name; the benchmark measures the board, not that dialog.
  await context.addInitScript(() => window.localStorage.setItem("modelmap:name-chosen", "1"));
  if (isolatedUrl) await isolate(context, isolatedUrl);
  return context.newPage();
}

/** What makes a page cross-origin isolated (see isolate); the frame measures' pages get them. */
const ISOLATION_HEADERS = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };

/**
 * Frame times need a clock finer than the frames' jitter. A page's clock (performance.now() and
 * the requestAnimationFrame timestamp) resolves 100 µs, with random jitter on each reading, unless
 * the page is cross-origin isolated, when it resolves 5 µs. At 100 µs, frames of 16.67 ms read
 * as 16.6, 16.7 or 16.8 ms, and a p95 compared at 0.1 ms flips on that noise alone. So the frame
 * measures serve their document with COOP and COEP headers, added here (only to the document at
 * `url`; every other request goes untouched): the page is isolated, and everything it loads is
 * same-origin, so it runs as it would without them. The figures record whether it was isolated.
 * Matched by origin and path: the query (the token) would be read as glob syntax.
 */
async function isolate(context: BrowserContext, url: string): Promise<void> {
  const { origin, pathname } = new URL(url);
  const isDocument = (candidate: URL) => candidate.origin === origin && candidate.pathname === pathname;
  await context.route(isDocument, async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), ...ISOLATION_HEADERS },
    });
  });
}

/** Milliseconds from navigation start until the board is interactive (see QUIET_FRAMES). */
async function timeToInteractive(browser: Browser, url: string): Promise<number> {
  const page = await newPage(browser);
  await page.goto(url, { waitUntil: "commit" });
  // In-page code goes as a string: tsx would otherwise wrap its named functions in a helper the page lacks.
  const elapsed = (await page.evaluate(`new Promise((resolve) => {
    let quiet = 0;
    let last = performance.now();
    const tick = (now) => {
      const ready =
        document.querySelector('[data-testid="connection-status"][data-status="live"]') !== null &&
        (document.querySelector('.react-flow__node[data-id] [data-testid="initiative-card"]') !== null ||
          Number(document.querySelector('[data-testid="far-zoom-canvas"]')?.getAttribute("data-cards") ?? 0) > 0);
      quiet = ready && now - last < 50 ? quiet + 1 : 0;
      last = now;
      if (quiet >= ${QUIET_FRAMES}) resolve(now);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`)) as number;
  await page.context().close();
  return elapsed;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN;
}

/** rAF deltas while the pointer drags the canvas around for about three seconds. */
async function panFrames(browser: Browser, url: string): Promise<{ p50: number; p95: number; p99: number; frames: number; over25: number; isolated: boolean }> {
  const page = await newPage(browser, url);
  await page.goto(url);
  await page.waitForSelector('[data-testid="connection-status"][data-status="live"]');
  // Cards on screen: as nodes, or (far away) painted on the far-zoom canvas.
  await page.waitForSelector('.react-flow__node [data-testid="initiative-card"], [data-testid="far-zoom-canvas"][data-cards]');
  await page.waitForTimeout(1000);
  await page.evaluate(`(() => {
    const deltas = [];
    window.frameDeltas = deltas;
    let last = performance.now();
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const pane = await page.locator(".react-flow__pane").boundingBox();
  if (!pane) throw new Error("no canvas");
  const center = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
  for (let sweep = 0; sweep < 4; sweep++) {
    await page.mouse.move(center.x, center.y);
    await page.mouse.down();
    const direction = sweep % 2 === 0 ? 1 : -1;
    for (let step = 1; step <= 45; step++) await page.mouse.move(center.x + direction * step * 9, center.y + direction * step * 5);
    await page.mouse.up();
  }
  // Zoom in and back out around the centre, a wheel notch at a time.
  await page.mouse.move(center.x, center.y);
  for (let notch = 0; notch < 24; notch++) {
    await page.mouse.wheel(0, notch < 12 ? -120 : 120);
    await page.waitForTimeout(16);
  }
  const deltas = (await page.evaluate("window.frameDeltas.slice(1)")) as number[];
  const isolated = (await page.evaluate("crossOriginIsolated")) as boolean;
  await page.context().close();
  return {
    isolated,
    p50: percentile(deltas, 0.5),
    p95: percentile(deltas, 0.95),
    p99: percentile(deltas, 0.99),
    frames: deltas.length,
    over25: deltas.filter((delta) => delta > 25).length,
  };
}

/**
 * The same frame measure on a page that does nothing: requestAnimationFrame runs at the display's
 * rate (60 Hz in headless Chromium, even with vsync and frame-rate limits turned off), so this
 * p95 is the floor no board can go under; a p95 at the floor means no frame was missed.
 */
async function idleFrames(browser: Browser, origin: string): Promise<{ p50: number; p95: number; isolated: boolean }> {
  // Same origin as the boards (a trustworthy one, which isolation needs), same headers, no app.
  const url = `${origin}/bench-idle-page`;
  const page = await newPage(browser);
  await page.context().route(url, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: "<p>idle</p>",
      headers: ISOLATION_HEADERS,
    }),
  );
  await page.goto(url);
  const deltas = (await page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const tick = (now) => {
      out.push(now - last);
      last = now;
      if (out.length < 241) requestAnimationFrame(tick);
      else resolve(out.slice(1));
    };
    requestAnimationFrame(tick);
  })`)) as number[];
  const isolated = (await page.evaluate("crossOriginIsolated")) as boolean;
  await page.context().close();
  return { p50: percentile(deltas, 0.5), p95: percentile(deltas, 0.95), isolated };
}

/** Every script the board page loads, gzipped one by one as a server would send them. */
async function pageJavaScript(browser: Browser, url: string): Promise<{ files: number; raw: number; gzipped: number }> {
  const page = await newPage(browser);
  const bodies: Promise<Buffer | null>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") bodies.push(response.body().catch(() => null));
  });
  await page.goto(url);
  await page.waitForSelector('[data-testid="connection-status"][data-status="live"]');
  await page.waitForLoadState("networkidle");
  const loaded = (await Promise.all(bodies)).filter((body): body is Buffer => body !== null);
  await page.context().close();
  return {
    files: loaded.length,
    raw: loaded.reduce((sum, body) => sum + body.length, 0),
    gzipped: loaded.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
  };
}

interface Target {
  name: string;
  dir: string;
  server?: ChildProcess;
  dataDir?: string;
  urls: Map<number, string>;
}

type PanFigures = Awaited<ReturnType<typeof panFrames>>;

/** Stops a server and waits for it, so its data directory is not removed under a store in flight. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const exited = once(child, "exit");
  const stillRunning = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 12_000))]);
  if (stillRunning) child.kill("SIGKILL");
}

async function cleanUp(browser: Browser | null, targets: readonly Target[]): Promise<void> {
  await browser?.close().catch(() => undefined);
  for (const target of targets) {
    if (target.server) await stopServer(target.server);
    if (target.dataDir) rmSync(target.dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const sizes = (option("sizes") ?? "300,1000,2000").split(",").map(Number);
  const runs = Number(option("runs") ?? 3);
  const baselineDir = option("baseline");
  if (!process.argv.includes("--skip-build")) {
    console.log("building (npx next build)…");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const targets: Target[] = [{ name: "current", dir: process.cwd(), urls: new Map() }];
  if (baselineDir) targets.push({ name: "baseline", dir: path.resolve(baselineDir), urls: new Map() });
  let browser: Browser | null = null;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanUp(browser, targets).finally(() => process.exit(130)));
  }
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const loadBefore = loadavg();
  try {
    for (const target of targets) {
      const port = await freePort();
      target.dataDir = mkdtempSync(path.join(tmpdir(), "modelmap-bench-browser-"));
      target.server = await startServer(port, target.dataDir, target.dir);
      const base = `http://127.0.0.1:${port}`;
      for (const size of sizes) target.urls.set(size, await importBoard(base, size));
      // A first visit warms the server's page and chunk caches, as any real user after the first would find them.
      await timeToInteractive(browser, target.urls.get(sizes[0] ?? 300) ?? "");
    }
    const interactive: Record<string, Record<number, { median: number; runs: number[] }>> = {};
    for (const size of sizes) {
      const samples = new Map<string, number[]>(targets.map((target) => [target.name, []]));
      for (let run = 0; run < runs; run++) {
        for (const target of targets) samples.get(target.name)?.push(Math.round(await timeToInteractive(browser, target.urls.get(size) ?? "")));
      }
      for (const target of targets) {
        const values = samples.get(target.name) ?? [];
        (interactive[target.name] ??= {})[size] = { median: percentile(values, 0.5), runs: values };
        console.log(`${target.name}: ${size} cards interactive in ${percentile(values, 0.5)} ms (runs ${values.join(", ")})`);
      }
    }
    const largest = Math.max(...sizes);
    const panning: Record<string, PanFigures & { runs: number[] }> = {};
    const panRuns = new Map<string, PanFigures[]>(targets.map((target) => [target.name, []]));
    for (let run = 0; run < Math.max(1, Math.min(runs, 3)); run++) {
      for (const target of targets) panRuns.get(target.name)?.push(await panFrames(browser, target.urls.get(largest) ?? ""));
    }
    for (const target of targets) {
      const all = panRuns.get(target.name) ?? [];
      const byP95 = [...all].sort((a, b) => a.p95 - b.p95);
      const median = byP95[Math.floor(byP95.length / 2)] ?? all[0];
      if (!median) continue;
      panning[target.name] = { ...median, runs: all.map((figures) => Math.round(figures.p95 * 100) / 100) };
      console.log(`${target.name}: panning and zooming ${largest} cards: frame p50 ${median.p50.toFixed(2)} ms, p95 ${median.p95.toFixed(2)} ms, p99 ${median.p99.toFixed(2)} ms, ${median.over25}/${median.frames} frames over 25 ms (p95 of each run: ${panning[target.name]?.runs.join(", ")})`);
    }
    const idle = await idleFrames(browser, new URL(targets[0]?.urls.get(largest) ?? "").origin);
    console.log(`a page doing nothing: frame p50 ${idle.p50.toFixed(2)} ms, p95 ${idle.p95.toFixed(2)} ms (the floor of this measure; clock ${idle.isolated ? "5 µs" : "100 µs"})`);
    const javascript: Record<string, { files: number; raw: number; gzipped: number; gzippedKb: number }> = {};
    for (const target of targets) {
      const figures = await pageJavaScript(browser, target.urls.get(sizes[0] ?? 300) ?? "");
      javascript[target.name] = { ...figures, gzippedKb: Math.round(figures.gzipped / 1024) };
      console.log(`${target.name}: board page JavaScript: ${figures.files} files, ${(figures.raw / 1024).toFixed(0)} KB raw, ${(figures.gzipped / 1024).toFixed(0)} KB gzipped`);
    }
    const result = {
      date: new Date().toISOString(),
      seed: SEED,
      viewport: VIEWPORT,
      loadAverage: { before: loadBefore, after: loadavg() },
      targets: { interactive2000Ms: 1500, panP95Ms: 16.7, pageJavaScriptGzipKb: 350 },
      baseline: baselineDir ?? null,
      interactive,
      panning: { cards: largest, idlePage: idle, ...panning },
      javascript,
    };
    const file = option("out") ?? `bench/results/browser-${result.date.slice(0, 10)}${baselineDir ? "-vs-baseline" : ""}.json`;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${file}`);
  } finally {
    await cleanUp(browser, targets);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
