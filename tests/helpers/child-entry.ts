import path from "node:path";

/** Set by tests/helpers/server-bundle.ts (vitest global setup) for the workers it starts. */
export const BUNDLE_DIR_VARIABLE = "MODELMAP_TEST_BUNDLE_DIR";

/** The TypeScript entry points that tests run as child Node processes, relative to the repository. */
export const CHILD_ENTRIES = ["server/main.ts", "tests/integration/storage-append-worker.ts"] as const;
export type ChildEntry = (typeof CHILD_ENTRIES)[number];

export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Node arguments that run `entry`: its compiled bundle under vitest, otherwise the source through tsx. */
export function childEntryArguments(entry: ChildEntry): string[] {
  const bundles = process.env[BUNDLE_DIR_VARIABLE];
  if (bundles) return [path.join(bundles, entry.replace(/\.ts$/, ".mjs"))];
  return ["--import", "tsx", path.join(repoRoot, entry)];
}
