import { cache } from "react";
import type { BoardContent } from "../../../lib/board/types";
import { getServices } from "../../../server/services";
import { looksLikeSnapshotId, snapshotContentOf } from "../../../server/sharing/snapshots";

export interface LoadedSnapshot {
  id: string;
  title: string;
  takenAt: Date;
  content: BoardContent;
  publicUrl: string;
}

/** One storage read per request, shared by the page and its metadata. */
export const loadSnapshot = cache(async (snapshotId: string): Promise<LoadedSnapshot | null> => {
  if (!looksLikeSnapshotId(snapshotId)) return null;
  const { storage, config } = getServices();
  const record = await storage.getSnapshot(snapshotId);
  if (!record) return null;
  const content = snapshotContentOf(record.state);
  return {
    id: record.id,
    title: content.meta.title || record.title || "Untitled board",
    takenAt: new Date(record.takenAt),
    content,
    publicUrl: config.publicUrl,
  };
});

export function formatMoment(moment: Date): string {
  return `${moment.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })} UTC`;
}
