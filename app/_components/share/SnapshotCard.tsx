import { CARD_HEIGHT, CARD_WIDTH } from "../../../lib/board/geometry";
import { INITIATIVE_STATUSES, optionLabel } from "../../../lib/board/fields";
import type { InitiativeContent, ModelContent } from "../../../lib/board/types";
import { safeColor } from "./snapshotLayout";

interface SnapshotCardProps {
  initiative: InitiativeContent;
  model: ModelContent | undefined;
  x: number;
  y: number;
}

/** One initiative as a read-only card: title, model, owner and status, in the model's colour. */
export function SnapshotCard({ initiative, model, x, y }: SnapshotCardProps) {
  const color = safeColor(model?.color);
  return (
    <article
      data-testid="snapshot-card"
      className="absolute flex flex-col overflow-hidden rounded-lg border-2 bg-white pl-4 pr-3 py-2.5 shadow-sm"
      style={{ left: x, top: y, width: CARD_WIDTH, height: CARD_HEIGHT, borderColor: color }}
    >
      <span aria-hidden className="absolute inset-y-0 left-0 w-1.5" style={{ background: color }} />
      <h3 className="line-clamp-2 text-[13px] font-semibold leading-snug text-slate-900">{initiative.title || "(untitled)"}</h3>
      <p className="mt-auto truncate text-[11px] font-medium" style={{ color }}>
        {model?.name ?? "No model"}
      </p>
      <p className="truncate text-[11px] text-slate-500">
        {initiative.owner || "No owner"} · {optionLabel(INITIATIVE_STATUSES, initiative.status) || initiative.status}
      </p>
    </article>
  );
}
