/** Server CPU (share of one core) and resident memory over a measurement window, from /proc. */
import type { RunningServer } from "../servers/targets";

export interface ServerUsage {
  cpuPercent: number;
  rssPeakMb: number;
}

export function startServerMeter(server: RunningServer): () => ServerUsage {
  const startedAt = performance.now();
  const startCpu = server.cpuSeconds();
  let rssPeak = server.rssBytes();
  const timer = setInterval(() => {
    rssPeak = Math.max(rssPeak, server.rssBytes());
  }, 250);
  return () => {
    clearInterval(timer);
    rssPeak = Math.max(rssPeak, server.rssBytes());
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    return {
      cpuPercent: (100 * (server.cpuSeconds() - startCpu)) / elapsedSeconds,
      rssPeakMb: rssPeak / (1024 * 1024),
    };
  };
}
