import type { VersionInfo } from "./api";

/** A point in a board's history the panel can ask about: a version id or an ISO time. */
export interface HistoryPoint {
  /** What the API takes as `from`, `to` or `at`; "" means now. */
  value: string;
  label: string;
}

export const NOW: HistoryPoint = { value: "", label: "Now" };

/** Monday 00:00 local time of the previous week, or of this week when today is not Monday. */
export function lastMonday(today: Date = new Date()): Date {
  const date = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const daysBack = (date.getDay() + 6) % 7 || 7;
  date.setDate(date.getDate() - daysBack);
  return date;
}

export function versionPoint(version: VersionInfo): HistoryPoint {
  return { value: version.id, label: `${version.label} · ${formatTime(version.createdAt)}` };
}

export function timePoint(date: Date, label?: string): HistoryPoint {
  return { value: date.toISOString(), label: label ?? formatTime(date.toISOString()) };
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A person-readable value of a changed field. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
