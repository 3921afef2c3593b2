import { startServer } from "./app";
import { ConfigError, parseConfig, type Config } from "./config";

/**
 * Entry point: `tsx server/main.ts [--dev] [--no-ui]`. Validates the environment first; a bad
 * value stops the process with one line naming the variable.
 */
let config: Config;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const args = new Set(process.argv.slice(2));
const ui = args.has("--no-ui") ? "off" : args.has("--dev") ? "dev" : "prod";
if (ui !== "dev") (process.env as Record<string, string>).NODE_ENV ??= "production";

// Only the durability tests' negative control sets this; it is not part of the configuration.
const unsafeDelay = process.env.MODELMAP_UNSAFE_RELAY_BEFORE_STORE_MS;
const server = await startServer({ config, ui, unsafeRelayBeforeStoreMs: unsafeDelay ? Number(unsafeDelay) : undefined }).catch((error: unknown) => {
  console.error(`Modelmap could not start: ${(error as Error).message}`);
  process.exit(1);
});

server.logger.info({ url: server.url, ui, storage: config.databaseUrl ? "postgres" : "sqlite" }, "listening");
console.log(`Modelmap is listening on ${server.url}${ui === "off" ? " (API and websocket only)" : ""}`);

const SHUTDOWN_DEADLINE_MS = 9_000;
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, "shutting down: flushing boards");
    const deadline = setTimeout(() => {
      server.logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    server
      .close()
      .then(() => {
        server.logger.info("stopped cleanly");
        process.exit(0);
      })
      .catch((error: unknown) => {
        server.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  });
}
