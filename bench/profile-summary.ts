/**
 * `tsx bench/profile-summary.ts <dir>`: where the server spent its CPU in the `.cpuprofile` files
 * that `npm run bench -- --profile` leaves in bench/tmp/profiles/<scenario>/: self time by
 * package or project file, and the hottest functions.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

function profileFiles(target: string): string[] {
  if (statSync(target).isFile()) return [target];
  return readdirSync(target, { recursive: true })
    .map((entry) => path.join(target, String(entry)))
    .filter((file) => file.endsWith(".cpuprofile"));
}

/** "yjs", "ws", "server/collab/room.ts", "(garbage collector)", "node:internal"… */
function owner(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch?.[1]) return packageMatch[1];
  if (url.startsWith("node:")) return "node internals";
  const projectMatch = /\/(server|lib|bench)\/(.+)$/.exec(url);
  return projectMatch ? `${projectMatch[1]}/${projectMatch[2]}` : url;
}

function addTo(totals: Map<string, number>, key: string, hits: number): void {
  totals.set(key, (totals.get(key) ?? 0) + hits);
}

function top(totals: Map<string, number>, all: number, count: number): string[] {
  return [...totals.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([key, hits]) => `${((100 * hits) / all).toFixed(1).padStart(5)}%  ${key}`);
}

const target = process.argv[2] ?? path.resolve(import.meta.dirname, "tmp/profiles");
for (const file of profileFiles(target)) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let all = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    all += hits;
    addTo(byOwner, owner(url, functionName), hits);
    addTo(byFunction, `${functionName || "(anonymous)"} ${owner(url, functionName)}:${lineNumber + 1}`, hits);
  }
  const busy = all - (byOwner.get("(idle)") ?? 0);
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  console.log(`\n${path.relative(process.cwd(), file)}: ${seconds.toFixed(1)} s, busy ${((100 * busy) / Math.max(1, all)).toFixed(0)}% of samples`);
  console.log("by package / file:");
  console.log(top(byOwner, all, 12).join("\n"));
  console.log("hottest functions:");
  console.log(top(byFunction, all, 15).join("\n"));
}
