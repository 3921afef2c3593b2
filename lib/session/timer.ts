import * as Y from "yjs";
import type { TransactionOrigin } from "../board/origins";

/**
 * The shared timer lives in `doc.getMap("timer")` as an anchor, never as ticks: when it was
 * started and for how long, or how much was left when it was paused. Every client derives the
 * remaining time from its own clock, so nothing travels while it runs.
 */

export type TimerPhase = "idle" | "running" | "paused" | "finished";

export interface TimerState {
  /** Epoch ms when the current run started; null when idle or paused. */
  startedAt: number | null;
  /** Length of the current run (or of the paused remainder once resumed). */
  durationMs: number;
  /** What was left when paused; null unless paused. */
  pausedRemainingMs: number | null;
  /** The length the facilitator chose, kept for "restart". */
  totalMs: number;
  label: string;
  startedBy: string;
}

export const IDLE_TIMER: TimerState = { startedAt: null, durationMs: 0, pausedRemainingMs: null, totalMs: 0, label: "", startedBy: "" };

export function timerMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("timer");
}

function finite(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function readTimer(doc: Y.Doc): TimerState {
  const map = timerMap(doc);
  return {
    startedAt: finite(map.get("startedAt")),
    durationMs: Math.max(0, finite(map.get("durationMs")) ?? 0),
    pausedRemainingMs: finite(map.get("pausedRemainingMs")),
    totalMs: Math.max(0, finite(map.get("totalMs")) ?? 0),
    label: typeof map.get("label") === "string" ? (map.get("label") as string) : "",
    startedBy: typeof map.get("startedBy") === "string" ? (map.get("startedBy") as string) : "",
  };
}

export function timerPhase(state: TimerState, now: number): TimerPhase {
  if (state.pausedRemainingMs !== null) return "paused";
  if (state.startedAt === null) return "idle";
  return now >= state.startedAt + state.durationMs ? "finished" : "running";
}

/** Milliseconds left at `now` (0 once finished or idle). */
export function remainingMs(state: TimerState, now: number): number {
  if (state.pausedRemainingMs !== null) return Math.max(0, state.pausedRemainingMs);
  if (state.startedAt === null) return 0;
  return Math.max(0, state.startedAt + state.durationMs - now);
}

/** "4:05", "0:09", "1:02:00" */
export function formatRemaining(ms: number): string {
  const totalSeconds = Math.ceil(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, "0") : String(minutes);
  return `${hours > 0 ? `${hours}:` : ""}${mm}:${String(seconds).padStart(2, "0")}`;
}

function write(doc: Y.Doc, fields: Partial<TimerState>, origin: TransactionOrigin): void {
  const map = timerMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) {
      if (map.get(key) !== value) map.set(key, value);
    }
  }, origin);
}

export function startTimer(doc: Y.Doc, options: { durationMs: number; label?: string; by: string; now: number }, origin: TransactionOrigin): void {
  const durationMs = Math.max(1000, Math.round(options.durationMs));
  write(doc, { startedAt: options.now, durationMs, totalMs: durationMs, pausedRemainingMs: null, label: options.label ?? "", startedBy: options.by }, origin);
}

export function pauseTimer(doc: Y.Doc, now: number, origin: TransactionOrigin): boolean {
  const state = readTimer(doc);
  if (timerPhase(state, now) !== "running") return false;
  write(doc, { startedAt: null, pausedRemainingMs: remainingMs(state, now) }, origin);
  return true;
}

export function resumeTimer(doc: Y.Doc, now: number, origin: TransactionOrigin): boolean {
  const state = readTimer(doc);
  if (state.pausedRemainingMs === null) return false;
  write(doc, { startedAt: now, durationMs: state.pausedRemainingMs, pausedRemainingMs: null }, origin);
  return true;
}

/** Adds (or with a negative amount removes) time from a running or paused timer. */
export function extendTimer(doc: Y.Doc, deltaMs: number, now: number, origin: TransactionOrigin): boolean {
  const state = readTimer(doc);
  const phase = timerPhase(state, now);
  if (phase === "paused") {
    write(doc, { pausedRemainingMs: Math.max(0, (state.pausedRemainingMs ?? 0) + deltaMs) }, origin);
    return true;
  }
  if (phase === "running") {
    write(doc, { durationMs: Math.max(0, state.durationMs + deltaMs) }, origin);
    return true;
  }
  return false;
}

export function resetTimer(doc: Y.Doc, origin: TransactionOrigin): void {
  write(doc, { startedAt: null, pausedRemainingMs: null, durationMs: 0 }, origin);
}
