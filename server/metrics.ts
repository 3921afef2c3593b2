/**
 * A small Prometheus text-format registry: counters, gauges and histograms with optional
 * labels. Enough for /metrics without another dependency.
 */

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  const escaped = entries.map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`);
  return `{${escaped.join(",")}}`;
}

interface Metric {
  render(): string;
}

export class Counter implements Metric {
  private values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(amount = 1, labels: Labels = {}): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += amount;
    this.values.set(key, entry);
  }
  value(labels: Labels = {}): number {
    return this.values.get(labelText(labels))?.value ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${labelText(labels)} ${value}`);
    return lines.join("\n");
  }
}

export class Gauge implements Metric {
  private values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly collect?: () => number,
  ) {}
  set(value: number, labels: Labels = {}): void {
    this.values.set(labelText(labels), { labels, value });
  }
  inc(amount = 1, labels: Labels = {}): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += amount;
    this.values.set(key, entry);
  }
  dec(amount = 1, labels: Labels = {}): void {
    this.inc(-amount, labels);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    if (this.collect) lines.push(`${this.name} ${this.collect()}`);
    else if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${labelText(labels)} ${value}`);
    return lines.join("\n");
  }
}

export class Histogram implements Metric {
  private series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}
  observe(value: number, labels: Labels = {}): void {
    const key = labelText(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= (this.buckets[i] ?? Infinity)) entry.counts[i]! += 1;
    entry.sum += value;
    entry.count += 1;
  }
  count(labels: Labels = {}): number {
    return this.series.get(labelText(labels))?.count ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    const all = this.series.size > 0 ? [...this.series.values()] : [{ labels: {}, counts: this.buckets.map(() => 0), sum: 0, count: 0 }];
    for (const { labels, counts, sum, count } of all) {
      this.buckets.forEach((bucket, i) => {
        lines.push(`${this.name}_bucket${labelText({ ...labels, le: String(bucket) })} ${counts[i] ?? 0}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: "+Inf" })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${sum}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines.join("\n");
  }
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Every metric the server exports, created once per server instance. */
export class ServerMetrics {
  readonly connections = new Gauge("modelmap_connections", "Open collaboration websocket connections.");
  readonly roomsLoaded = new Gauge("modelmap_rooms_loaded", "Boards currently loaded in memory.");
  readonly updatesApplied = new Counter("modelmap_updates_applied_total", "Document updates applied, stored and relayed.");
  readonly updatesRejected = new Counter("modelmap_updates_rejected_total", "Document updates dropped (view role or invalid).");
  readonly updateLatency = new Histogram(
    "modelmap_update_latency_seconds",
    "Time from receiving an update to relaying it (includes the durable write).",
    LATENCY_BUCKETS,
  );
  readonly storageWriteLatency = new Histogram(
    "modelmap_storage_write_latency_seconds",
    "Duration of one group-commit storage transaction.",
    LATENCY_BUCKETS,
  );
  readonly storageBatchSize = new Histogram("modelmap_storage_batch_size", "Updates per group-commit transaction.", [1, 2, 5, 10, 20, 50, 100, 500]);
  readonly awarenessBatches = new Counter("modelmap_awareness_batches_total", "Presence batches broadcast.");
  readonly connectionsClosed = new Counter("modelmap_connections_closed_total", "Connections closed by the server, by reason.");
  readonly httpRequests = new Counter("modelmap_http_requests_total", "API requests by status class.");
  private readonly extra: Metric[] = [];
  private readonly memory = [
    new Gauge("process_resident_memory_bytes", "Resident set size of the process.", () => process.memoryUsage.rss()),
    new Gauge("nodejs_heap_used_bytes", "V8 heap in use.", () => process.memoryUsage().heapUsed),
    new Gauge("nodejs_heap_total_bytes", "V8 heap allocated.", () => process.memoryUsage().heapTotal),
    new Gauge("nodejs_external_memory_bytes", "Memory of C++ objects bound to JavaScript.", () => process.memoryUsage().external),
  ];

  /** Lets scale-out and history modules add their own metrics to the same page. */
  register(metric: Metric): void {
    this.extra.push(metric);
  }

  render(): string {
    const all: Metric[] = [
      this.connections,
      this.roomsLoaded,
      this.updatesApplied,
      this.updatesRejected,
      this.updateLatency,
      this.storageWriteLatency,
      this.storageBatchSize,
      this.awarenessBatches,
      this.connectionsClosed,
      this.httpRequests,
      ...this.extra,
      ...this.memory,
    ];
    return all.map((m) => m.render()).join("\n") + "\n";
  }
}
