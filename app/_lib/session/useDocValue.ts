"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";

/**
 * A value derived from one top-level shared type, recomputed after every change to it (deep).
 * The read runs on each change, so keep it proportional to that type, not the whole board.
 */
export function useDocValue<T>(doc: Y.Doc, typeName: string, read: (doc: Y.Doc) => T): T {
  const [value, setValue] = useState<T>(() => read(doc));
  useEffect(() => {
    const type = doc.getMap(typeName);
    const refresh = () => setValue(read(doc));
    refresh();
    type.observeDeep(refresh);
    return () => type.unobserveDeep(refresh);
    // `read` is a module-level function at every call site, so it is not a dependency.
  }, [doc, typeName]);
  return value;
}

/** Re-renders every `intervalMs` while `active` (for clocks derived from an anchor time). */
export function useNow(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
