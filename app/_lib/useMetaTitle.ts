"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { boardMaps } from "@/lib/board/schema";

/** The board title from `meta.title`, live. */
export function useMetaTitle(doc: Y.Doc, fallback: string): string {
  const [title, setTitle] = useState(fallback);
  useEffect(() => {
    const meta = boardMaps(doc).meta;
    const refresh = () => {
      const value = meta.get("title");
      if (typeof value === "string") setTitle(value);
    };
    refresh();
    meta.observe(refresh);
    return () => meta.unobserve(refresh);
  }, [doc]);
  return title;
}
