"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { readSavedViews, savedViewsMap, type SavedView } from "./savedViews";

/** The board's saved views, live. */
export function useSavedViews(doc: Y.Doc): SavedView[] {
  const [views, setViews] = useState(() => readSavedViews(doc));
  useEffect(() => {
    const map = savedViewsMap(doc);
    const refresh = () => setViews(readSavedViews(doc));
    refresh();
    map.observeDeep(refresh);
    return () => map.unobserveDeep(refresh);
  }, [doc]);
  return views;
}
