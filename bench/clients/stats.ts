/** Latency samples, percentiles and the load generator's own CPU use. */

export class LatencyRecorder {
  private samples = new Float64Array(1 << 16);
  private length = 0;

  record(milliseconds: number): void {
    if (this.length === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.length++] = milliseconds;
  }

  get count(): number {
    return this.length;
  }

  /** p in 0..100; null when nothing was recorded. */
  percentiles(...ps: number[]): (number | null)[] {
    if (this.length === 0) return ps.map(() => null);
    const sorted = this.samples.slice(0, this.length).sort();
    return ps.map((p) => sorted[Math.min(this.length - 1, Math.floor((p / 100) * this.length))] ?? null);
  }

  /** How many samples are at least `milliseconds`. */
  countAtLeast(milliseconds: number): number {
    let count = 0;
    for (let index = 0; index < this.length; index++) if ((this.samples[index] ?? 0) >= milliseconds) count++;
    return count;
  }

  reset(): void {
    this.length = 0;
  }
}

/** Measures this process' CPU between `start` and `stop`, as a percentage of one core. */
export function startCpuMeter(): () => number {
  const startedAt = performance.now();
  const startUsage = process.cpuUsage();
  return () => {
    const usage = process.cpuUsage(startUsage);
    const elapsedMicros = (performance.now() - startedAt) * 1000;
    return elapsedMicros > 0 ? (100 * (usage.user + usage.system)) / elapsedMicros : 0;
  };
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
