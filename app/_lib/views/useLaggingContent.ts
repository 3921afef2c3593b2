"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { readBoard } from "@/lib/board/schema";
import type { BoardContent } from "@/lib/board/types";

/**
 * The board as plain JSON, re-read at most once per `intervalMs` after a change: reading a
 * 2,000-card board costs tens of milliseconds, far too much to repeat on every keystroke.
 */
export function useLaggingContent(doc: Y.Doc, intervalMs: number): BoardContent {
  const [content, setContent] = useState(() => readBoard(doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        setContent(readBoard(doc));
      }, intervalMs);
    };
    setContent(readBoard(doc));
    doc.on("update", onUpdate);
    return () => {
      doc.off("update", onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, intervalMs]);
  return content;
}
