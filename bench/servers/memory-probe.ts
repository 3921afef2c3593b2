/**
 * Loaded into every benchmarked server alike (`node --expose-gc --import tsx --import
 * memory-probe.ts`). On SIGUSR2 it runs a full garbage collection and prints the process'
 * memory figures on stdout, so memory is compared on what each server keeps alive, not on
 * garbage its collector has not reached yet. With MEMORY_PROBE_SNAPSHOT_DIR set it also writes
 * a heap snapshot there (for finding where memory goes; slow, never in a measured run).
 */
import path from "node:path";
import v8 from "node:v8";

const snapshotDir = process.env.MEMORY_PROBE_SNAPSHOT_DIR;
let probes = 0;

process.on("SIGUSR2", () => {
  probes += 1;
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  if (snapshotDir) v8.writeHeapSnapshot(path.join(snapshotDir, `${process.pid}-${probes}.heapsnapshot`));
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.physical_space_size]));
  process.stdout.write(`memory-probe ${JSON.stringify({ ...usage, spaces, collected: collect !== undefined })}\n`);
});
