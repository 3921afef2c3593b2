import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { BUNDLE_DIR_VARIABLE, CHILD_ENTRIES, repoRoot } from "./child-entry";

/**
 * Vitest global setup: compiles the entry points that tests run as child processes (the server
 * for kill -9, SIGTERM and scale-out, the storage append worker) once, each into one JavaScript
 * file. Under tsx every start compiled and resolved each module again, seconds per start on a
 * busy two-core machine, and the battery starts the server some forty times. The bundles are the
 * same source; packages stay external, so they load from node_modules exactly as under tsx.
 */
export default async function setup(): Promise<() => void> {
  // Inside the repository, so that the bundles' package imports resolve to its node_modules.
  const cache = path.join(repoRoot, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, "modelmap-test-bundles-"));
  await build({
    entryPoints: [
      ...CHILD_ENTRIES.map((entry) => path.join(repoRoot, entry)),
      // The server starts its history indexing worker from "./indexingWorkerEntry.mjs" beside
      // its own module (IndexingWorker): in the server bundle, beside server/main.mjs. There the
      // worker's program is compiled already, so it needs no TypeScript loader.
      { in: path.join(repoRoot, "server/history/indexingWorkerMain.ts"), out: "server/indexingWorkerEntry" },
    ],
    outbase: repoRoot,
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(repoRoot, "tsconfig.json"),
    logLevel: "warning",
  });
  // The test workers inherit this environment.
  process.env[BUNDLE_DIR_VARIABLE] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
