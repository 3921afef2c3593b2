import type { ServerMetrics } from "./metrics";
import type { Storage } from "./storage/types";
import { sendJson, sendText, type Router } from "./http/router";

export interface Dependency {
  name: string;
  check: () => Promise<void>;
}

/** /healthz (the process runs), /readyz (its dependencies answer), /metrics (Prometheus). */
export function registerOperationsRoutes(router: Router, deps: { storage: Storage; metrics: ServerMetrics; extraDependencies: Dependency[] }): void {
  router.on("GET", "/healthz", async ({ response }) => sendJson(response, 200, { status: "ok" }));

  router.on("GET", "/readyz", async ({ response }) => {
    const all: Dependency[] = [{ name: "storage", check: () => deps.storage.ping() }, ...deps.extraDependencies];
    const results = await Promise.all(
      all.map(async (dependency) => {
        try {
          await withTimeout(dependency.check(), 2000);
          return { name: dependency.name, ok: true as const };
        } catch (error) {
          return { name: dependency.name, ok: false as const, error: (error as Error).message };
        }
      }),
    );
    const down = results.filter((r) => !r.ok);
    const checks = Object.fromEntries(results.map((r) => [r.name, r.ok ? "ok" : "down"]));
    if (down.length === 0) return sendJson(response, 200, { status: "ready", checks });
    sendJson(response, 503, {
      status: "unavailable",
      checks,
      error: { code: "unavailable", message: `not ready: ${down.map((d) => d.name).join(", ")} down` },
    });
  });

  router.on("GET", "/metrics", async ({ response }) => {
    sendText(response, 200, deps.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
