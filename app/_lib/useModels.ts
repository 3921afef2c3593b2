"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { boardMaps, readModel } from "@/lib/board/schema";
import type { ModelContent } from "@/lib/board/types";

function readModels(doc: Y.Doc): Map<string, ModelContent> {
  const models = new Map<string, ModelContent>();
  boardMaps(doc).models.forEach((map, id) => models.set(id, readModel(id, map)));
  return models;
}

/** The board's model library, re-read whenever any model changes (it is small and rarely edited). */
export function useModels(doc: Y.Doc): ReadonlyMap<string, ModelContent> {
  const [models, setModels] = useState(() => readModels(doc));
  useEffect(() => {
    const map = boardMaps(doc).models;
    const refresh = () => setModels(readModels(doc));
    refresh();
    map.observeDeep(refresh);
    return () => map.unobserveDeep(refresh);
  }, [doc]);
  return models;
}
