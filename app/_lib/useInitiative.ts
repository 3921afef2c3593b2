"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { boardMaps, readInitiative } from "@/lib/board/schema";
import type { InitiativeContent } from "@/lib/board/types";

export interface LiveInitiative {
  item: Y.Map<unknown>;
  content: InitiativeContent;
}

function read(doc: Y.Doc, id: string | null): LiveInitiative | null {
  if (!id) return null;
  const item = boardMaps(doc).initiatives.get(id);
  return item ? { item, content: readInitiative(id, item) } : null;
}

/** One initiative, live: re-read on any change inside it, null once it is deleted. */
export function useInitiative(doc: Y.Doc, id: string | null): LiveInitiative | null {
  const [live, setLive] = useState(() => read(doc, id));
  useEffect(() => {
    const initiatives = boardMaps(doc).initiatives;
    let item = id ? initiatives.get(id) : undefined;
    const refresh = () => setLive(read(doc, id));
    const onItem = () => refresh();
    const onCollection = (event: Y.YMapEvent<Y.Map<unknown>>) => {
      if (!id || !event.keysChanged.has(id)) return;
      item?.unobserveDeep(onItem);
      item = initiatives.get(id);
      item?.observeDeep(onItem);
      refresh();
    };
    refresh();
    item?.observeDeep(onItem);
    initiatives.observe(onCollection);
    return () => {
      item?.unobserveDeep(onItem);
      initiatives.unobserve(onCollection);
    };
  }, [doc, id]);
  return live;
}
