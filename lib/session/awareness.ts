/**
 * Session fields of awareness beyond the contract's `user`, `cursor` and `selection`:
 * `viewport` (for follow mode), `typing` (which card field someone is writing in) and
 * `gather` (a facilitator asking everyone to follow them). Peers are untrusted: every field is
 * read through these guards.
 */

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface TypingState {
  id: string;
  field: string;
}

export interface GatherRequest {
  /** Awareness client id of the facilitator. */
  by: number;
  /** When they asked (epoch ms): a new request re-gathers people who had wandered off. */
  at: number;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

function finite(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

export function readViewport(value: unknown): Viewport | null {
  const raw = record(value);
  if (!raw || !finite(raw.x) || !finite(raw.y) || !finite(raw.zoom) || raw.zoom <= 0) return null;
  return { x: raw.x, y: raw.y, zoom: raw.zoom };
}

export function readTyping(value: unknown): TypingState | null {
  const raw = record(value);
  if (!raw || typeof raw.id !== "string" || typeof raw.field !== "string" || !raw.id) return null;
  return { id: raw.id.slice(0, 100), field: raw.field.slice(0, 60) };
}

export function readGather(value: unknown): GatherRequest | null {
  const raw = record(value);
  if (!raw || !finite(raw.by) || !finite(raw.at)) return null;
  return { by: raw.by, at: raw.at };
}

/**
 * The gather request a client should obey: the newest one among peers that it has not already
 * left (a person who moves on their own dismisses that request by its time).
 */
export function pendingGather(requests: readonly GatherRequest[], dismissedAt: number, ownClientId: number): GatherRequest | null {
  let newest: GatherRequest | null = null;
  for (const request of requests) {
    if (request.by === ownClientId || request.at <= dismissedAt) continue;
    if (!newest || request.at > newest.at) newest = request;
  }
  return newest;
}

/** Moves `current` toward `target` by a frame-rate independent share (for smooth cursors). */
export function approach(current: number, target: number, elapsedMs: number, halfLifeMs = 40): number {
  const remaining = 0.5 ** (elapsedMs / halfLifeMs);
  const next = target + (current - target) * remaining;
  return Math.abs(next - target) < 0.1 ? target : next;
}
