"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { boardMaps, readLink } from "@/lib/board/schema";
import type { LinkContent } from "@/lib/board/types";

function read(doc: Y.Doc, id: string): LinkContent | null {
  const item = boardMaps(doc).links.get(id);
  return item ? readLink(id, item) : null;
}

/** One link, live: re-read on any change to the links map, null once it is deleted. */
export function useLink(doc: Y.Doc, id: string): LinkContent | null {
  const [link, setLink] = useState(() => read(doc, id));
  useEffect(() => {
    const links = boardMaps(doc).links;
    const refresh = (events?: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      // Links are flat maps: an event on this link has it as path[0] or as a changed key.
      if (events && !events.some((event) => event.path[0] === id || (event.target === links && (event as Y.YMapEvent<unknown>).keysChanged.has(id)))) return;
      setLink(read(doc, id));
    };
    refresh();
    links.observeDeep(refresh);
    return () => links.unobserveDeep(refresh);
  }, [doc, id]);
  return link;
}
