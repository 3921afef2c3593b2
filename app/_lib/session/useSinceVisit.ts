"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { readBoard } from "@/lib/board/schema";
import { parseServerDiff, summarizeSinceVisit, summarizeVisitDiff, type VisitSummary } from "@/lib/session/visit";
import { loadVisit, saveVisit } from "./visitMemory";

/** While here, the remembered "last seen" moves forward at most this often (and on leaving). */
const REMEMBER_INTERVAL_MS = 30_000;

async function serverSummary(boardId: string, token: string, since: string, doc: Y.Doc): Promise<VisitSummary | null | undefined> {
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/changes?from=${encodeURIComponent(since)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) return undefined;
    const diff = parseServerDiff(await response.json());
    return diff ? summarizeVisitDiff(diff, readBoard(doc), since) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * On the first live sync, compares the board with what this browser last saw here and returns
 * a summary (authors from server history when it answers, a local diff otherwise). From then on
 * it remembers the board as seen: every 30 s, when the tab is hidden, and on dismiss.
 */
export function useSinceVisit(doc: Y.Doc, boardId: string, token: string, live: boolean) {
  const [summary, setSummary] = useState<VisitSummary | null>(null);
  const checked = useRef(false);

  const remember = useCallback(() => {
    if (checked.current) saveVisit(boardId, { at: new Date().toISOString(), board: readBoard(doc) });
  }, [boardId, doc]);

  useEffect(() => {
    if (!live || checked.current) return;
    checked.current = true;
    const previous = loadVisit(boardId);
    const current = readBoard(doc);
    if (!previous) {
      remember();
      return;
    }
    const now = new Date().toISOString();
    void serverSummary(boardId, token, previous.at, doc).then((fromServer) => {
      setSummary(fromServer === undefined ? summarizeSinceVisit(previous, current, now) : fromServer);
      remember();
    });
  }, [live, boardId, token, doc, remember]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === "hidden") remember();
    };
    const timer = setInterval(remember, REMEMBER_INTERVAL_MS);
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", remember);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", remember);
    };
  }, [remember]);

  const dismiss = useCallback(() => {
    setSummary(null);
    remember();
  }, [remember]);

  return { summary, dismiss };
}
