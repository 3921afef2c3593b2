import { Counter, Gauge, Histogram, type ServerMetrics } from "../metrics";

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** What scale-out adds to /metrics: dependency health, stream lag and catch-ups. */
export class ScaleOutMetrics {
  readonly dependencyLatency = new Histogram(
    "modelmap_dependency_latency_seconds",
    "Latency of calls to PostgreSQL/SQLite (dependency=storage) and Redis, by dependency and operation.",
    LATENCY_BUCKETS,
  );
  readonly dependencyErrors = new Counter("modelmap_dependency_errors_total", "Failed calls to a dependency, by dependency and operation.");
  readonly dependencyUp = new Gauge("modelmap_dependency_up", "1 when the dependency answered its last probe, else 0.");
  readonly streamLag = new Histogram(
    "modelmap_stream_lag_seconds",
    "Time from another instance appending an update to the board stream until this instance applied it.",
    LATENCY_BUCKETS,
  );
  readonly remoteUpdatesApplied = new Counter(
    "modelmap_stream_updates_applied_total",
    "Updates stored by other instances and applied here, by source (stream, or storage when catching up).",
  );
  readonly catchUps = new Counter("modelmap_stream_catchups_total", "Reads of missed updates from storage, by reason.");
  readonly presenceMessages = new Counter("modelmap_presence_messages_total", "Presence messages exchanged with other instances, by direction.");
  readonly boardsFollowed: Gauge;

  constructor(followedBoards: () => number) {
    this.boardsFollowed = new Gauge("modelmap_stream_boards_followed", "Board streams this process reads (its loaded rooms).", followedBoards);
  }

  registerOn(metrics: ServerMetrics): void {
    for (const metric of [
      this.dependencyLatency,
      this.dependencyErrors,
      this.dependencyUp,
      this.streamLag,
      this.remoteUpdatesApplied,
      this.catchUps,
      this.presenceMessages,
      this.boardsFollowed,
    ]) {
      metrics.register(metric);
    }
  }

  /** Runs a dependency call, recording its latency and any failure. */
  async time<T>(dependency: "redis" | "storage", operation: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } catch (error) {
      this.dependencyErrors.inc(1, { dependency, operation });
      throw error;
    } finally {
      this.dependencyLatency.observe((performance.now() - started) / 1000, { dependency, operation });
    }
  }
}
