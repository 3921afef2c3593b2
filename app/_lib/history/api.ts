import type { BoardDiff, ModelReassignment } from "@/lib/board/diff";
import type { BoardContent } from "@/lib/board/types";

/** Wire shapes of the history endpoints (server/http/historyRoutes.ts). */
export interface VersionInfo {
  id: string;
  label: string;
  kind: "named" | "auto";
  createdAt: string;
  createdBy: string;
}

export interface ChangesInfo extends BoardDiff {
  summary: string[];
  modelReassignments: ModelReassignment[];
}

export interface TimelineGroupInfo {
  author: string;
  startedAt: string;
  endedAt: string;
  fromSeq: number;
  toSeq: number;
  updates: number;
  lines: string[];
  itemIds: string[];
}

export interface TimelinePageInfo {
  groups: TimelineGroupInfo[];
  nextBefore: number | null;
}

export interface CardHistoryEntryInfo {
  seq: number;
  at: string;
  author: string;
  field: string;
  from: unknown;
  to: unknown;
  fromLabel?: string | null;
  toLabel?: string | null;
  rationale?: string | null;
}

export interface HistoryClientOptions {
  boardId: string;
  token: string;
  /** Sent so versions and restores carry the person's name. */
  userName?: string;
}

export class HistoryRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Fetch helpers for one board's history, with its capability token. */
export function historyClient({ boardId, token, userName }: HistoryClientOptions) {
  const base = `/api/boards/${encodeURIComponent(boardId)}`;
  async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (userName) headers["x-user-name"] = encodeURIComponent(userName);
    const response = await fetch(`${base}${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = `request failed (${response.status})`;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // Not JSON: keep the status line.
      }
      throw new HistoryRequestError(response.status, message);
    }
    return JSON.parse(text) as T;
  }
  const query = (params: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
    const text = search.toString();
    return text ? `?${text}` : "";
  };
  return {
    versions: () => call<VersionInfo[]>("/versions"),
    saveVersion: (label: string) => call<VersionInfo>("/versions", { method: "POST", body: { label } }),
    changes: (from: string, to?: string) => call<ChangesInfo>(`/changes${query({ from, to })}`),
    stateAt: (at?: string) => call<BoardContent>(`/state${query({ at })}`),
    timeline: (before?: number, limit = 30) => call<TimelinePageInfo>(`/timeline${query({ before, limit })}`),
    restore: (versionId: string, initiativeId?: string) =>
      call<{ seq: number | null; undoVersionId: string }>("/restore", { method: "POST", body: { versionId, initiativeId } }),
    initiativeHistory: (initiativeId: string) => call<CardHistoryEntryInfo[]>(`/initiatives/${encodeURIComponent(initiativeId)}/history`),
  };
}

export type HistoryClient = ReturnType<typeof historyClient>;
