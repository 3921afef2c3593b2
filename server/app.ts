import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import path from "node:path";
import type { Logger } from "pino";
import { CollabServer } from "./collab/collabServer";
import { GroupCommitter } from "./collab/groupCommit";
import { RoomRegistry, type RoomRegistryOptions } from "./collab/registry";
import type { RoomHooks } from "./collab/room";
import type { Config } from "./config";
import { BoardAccess } from "./http/access";
import { registerBoardRoutes } from "./http/api";
import { registerHistoryRoutes } from "./http/historyRoutes";
import { IndexingWorker } from "./history/indexingWorker";
import { registerSharingRoutes } from "./http/sharingRoutes";
import { ApiError, ErrorCode } from "./http/errors";
import { Router, sendJson } from "./http/router";
import { createLogger, loggablePath } from "./logger";
import { Gauge, ServerMetrics } from "./metrics";
import { registerOperationsRoutes, type Dependency } from "./ops";
import { RedisScaleOut } from "./scaleout/scaleOut";
import { setServices } from "./services";
import { createStorage } from "./storage";
import type { Storage } from "./storage/types";
import { templateContent } from "./templates";

export interface StartOptions {
  config: Config;
  /** "prod": serve the built Next app; "dev": Next with hot reload; "off": API and websocket only. */
  ui: "prod" | "dev" | "off";
  logger?: Logger;
  /** How long an unused room stays loaded (tests use small values). */
  idleUnloadMs?: number;
  storage?: Storage;
  /** Negative control for durability tests only (relays before storing); never set in use. */
  unsafeRelayBeforeStoreMs?: number;
  /** Bytes held for a socket that does not read before it is cut (tests; see CollabServerOptions). */
  maxBufferedBytes?: number;
  /** Default true: build the history index in a worker thread (IndexingWorker). */
  indexHistoryInWorker?: boolean;
}

export interface RunningServer {
  port: number;
  url: string;
  storage: Storage;
  registry: RoomRegistry;
  metrics: ServerMetrics;
  logger: Logger;
  /** S13: stop accepting, flush every room, close connections, close storage. */
  close(): Promise<void>;
}

const API_PATHS = /^\/(api\/|healthz$|readyz$|metrics$)/;

/** Starts the whole product on one port: Next pages, the JSON API and the collaboration websocket. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const config = await withConcretePort(options.config);
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new ServerMetrics();
  const storage =
    options.storage ??
    createStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous });
  await storage.init();
  const committer = new GroupCommitter(storage, (seconds, size) => {
    metrics.storageWriteLatency.observe(seconds);
    metrics.storageBatchSize.observe(size);
  });
  const hooks: RoomHooks = {};
  const scaleOut = config.redisUrl ? new RedisScaleOut({ redisUrl: config.redisUrl, storage, metrics, logger }) : null;
  scaleOut?.installHooks(hooks);
  const registryOptions: RoomRegistryOptions = {
    storage,
    committer,
    metrics,
    logger,
    hooks,
    idleUnloadMs: options.idleUnloadMs,
    unsafeRelayBeforeStoreMs: options.unsafeRelayBeforeStoreMs,
  };
  const registry = scaleOut ? scaleOut.createRegistry(registryOptions) : new RoomRegistry(registryOptions);
  const access = new BoardAccess(storage);
  const extraDependencies: Dependency[] = scaleOut ? [scaleOut.readiness] : [];

  const router = new Router();
  registerBoardRoutes(router, { storage, access, registry, publicUrl: config.publicUrl, templateContent });
  registerOperationsRoutes(router, { storage, metrics, extraDependencies });
  const history = registerHistoryRoutes(router, { storage, access, registry, hooks, logger, indexInWorker: options.indexHistoryInWorker });
  const indexer = history.indexer;
  if (indexer instanceof IndexingWorker) {
    metrics.register(
      new Gauge("modelmap_history_index_worker_heap_bytes", "V8 heap in use in the history indexing worker thread.", () => indexer.heapUsedBytes),
    );
  }
  metrics.register(
    new Gauge("modelmap_document_structs", "Yjs structs held by the loaded, awake documents (grows with each edit of a live board).", () =>
      registry.all().reduce((sum, room) => sum + room.structCount, 0),
    ),
  );
  registerSharingRoutes(router, { storage, access, registry, publicUrl: config.publicUrl });

  const collab = new CollabServer({
    registry,
    access,
    metrics,
    logger,
    maxMessageBytes: config.maxMessageBytes,
    maxBufferedBytes: options.maxBufferedBytes,
    originAllowed: (origin, host) => originAllowed(config, origin, host),
  });

  setServices({ config, storage, registry });

  let nextHandler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  let nextUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>) | null = null;
  let closeNext: (() => Promise<void>) | null = null;
  if (options.ui !== "off") {
    const { default: next } = await import("next");
    const nextApp = next({
      dev: options.ui === "dev",
      dir: path.resolve(import.meta.dirname, ".."),
      hostname: config.host,
      port: config.port,
      quiet: true,
    });
    await nextApp.prepare();
    nextHandler = nextApp.getRequestHandler();
    nextUpgrade = nextApp.getUpgradeHandler();
    closeNext = () => nextApp.close();
  }

  const server: Server = createServer((request, response) => {
    void handleRequest(request, response);
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = headerOrNew(request.headers["x-request-id"]);
    response.setHeader("X-Request-Id", requestId);
    const started = performance.now();
    const url = new URL(request.url ?? "/", "http://placeholder");
    response.on("finish", () => {
      metrics.httpRequests.inc(1, { status: `${Math.floor(response.statusCode / 100)}xx` });
      logger.info(
        { requestId, method: request.method, path: loggablePath(request.url), status: response.statusCode, ms: Math.round(performance.now() - started) },
        "request",
      );
    });
    try {
      if (API_PATHS.test(url.pathname) || !nextHandler) {
        const match = router.match(request.method ?? "GET", url.pathname);
        if (match === null) throw new ApiError(404, ErrorCode.NotFound, "no such endpoint");
        if (match instanceof ApiError) throw match;
        await match.handler({ request, response, url, params: match.params, requestId });
        return;
      }
      // The client's own X-Forwarded-For must not reach the pages (rate limits key on it).
      request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
      await nextHandler(request, response);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof ApiError) {
        sendJson(response, error.status, error.toJSON());
        return;
      }
      logger.error({ requestId, err: error, path: loggablePath(request.url) }, "request failed");
      sendJson(response, 500, new ApiError(500, ErrorCode.Internal, "internal error").toJSON());
    }
  }

  // Next attaches its own "upgrade" listener to this server on its first request and ends
  // upgrades whose path looks like a page. Collaboration upgrades are taken before any listener
  // runs; other upgrades (Next's dev hot reload) go to Next's handler unless Next listens itself.
  const emit = server.emit.bind(server);
  server.emit = ((event: string, ...args: unknown[]) => {
    if (event === "upgrade") {
      const [request, socket, head] = args as [IncomingMessage, Duplex, Buffer];
      if (CollabServer.handles(request.url)) {
        collab.handleUpgrade(request, socket, head).catch((error) => {
          logger.error({ err: error }, "upgrade failed");
          socket.destroy();
        });
        return true;
      }
    }
    return emit(event, ...args);
  }) as typeof server.emit;
  // Node answers upgrade requests as plain requests when nobody listens for "upgrade".
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (server.listenerCount("upgrade") > 1) return;
    if (nextUpgrade) nextUpgrade(request, socket, head).catch(() => socket.destroy());
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  scaleOut?.start();
  const port = (server.address() as AddressInfo).port;
  const displayHost = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${displayHost}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      collab.stopAccepting();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await registry.closeAll();
      await scaleOut?.close();
      collab.close();
      if (closeNext) await closeNext().catch(() => undefined);
      server.closeAllConnections();
      await serverClosed;
      // After the rooms' last writes; what it was asked to index it finishes first.
      await history.close().catch((error: unknown) => logger.warn({ err: error }, "history indexing did not close cleanly"));
      await storage.close();
      setServices(undefined);
    })();
    return closing;
  };

  return { port, url, storage, registry, metrics, logger, close };
}

function headerOrNew(value: string | string[] | undefined): string {
  const single = Array.isArray(value) ? value[0] : value;
  return single && /^[A-Za-z0-9._-]{1,64}$/.test(single) ? single : randomUUID();
}

/**
 * Browsers always send Origin on websocket upgrades; other clients usually do not. With
 * PUBLIC_URL set, a browser must come from it; otherwise it must be same-origin with Host.
 */
export function originAllowed(config: Config, origin: string | null, host: string | null): boolean {
  if (origin === null) return true;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (config.publicUrlExplicit) return originUrl.origin === new URL(config.publicUrl).origin;
  return host !== null && originUrl.host === host;
}

/**
 * PORT=0 asks for any free port. It is chosen before start-up so that share links
 * (PUBLIC_URL derived from HOST and PORT) carry the real one.
 */
async function withConcretePort(config: Config): Promise<Config> {
  if (config.port !== 0) return config;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, config.host, () => resolve());
  });
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const displayHost = config.host.includes(":") ? `[${config.host}]` : config.host;
  return { ...config, port, publicUrl: config.publicUrlExplicit ? config.publicUrl : `http://${displayHost}:${port}` };
}
