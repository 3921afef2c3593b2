import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseConfig } from "./config";

/**
 * `npm start`: checks the environment, builds the app once when no production build exists
 * (saying so), then starts the server.
 */
const root = path.resolve(import.meta.dirname, "..");

try {
  parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("No production build found: building the app first (next build, about a minute)...");
  const build = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) {
    console.error("The build failed; see the output above.");
    process.exit(build.status ?? 1);
  }
}

await import("./main");
