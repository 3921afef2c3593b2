"use client";

import { decodeVisit, encodeVisit, type VisitRecord } from "@/lib/session/visit";

function key(boardId: string): string {
  return `modelmap:visit:${boardId}`;
}

export function loadVisit(boardId: string): VisitRecord | null {
  try {
    return decodeVisit(window.localStorage.getItem(key(boardId)));
  } catch {
    return null;
  }
}

export function saveVisit(boardId: string, record: VisitRecord): void {
  try {
    window.localStorage.setItem(key(boardId), encodeVisit(record));
  } catch {
    // Over quota (a very large board): the next visit simply shows no summary.
  }
}
