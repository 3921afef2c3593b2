"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, useState, useSyncExternalStore } from "react";
import { optionLabel, HEALTH_VALUES, INITIATIVE_STATUSES } from "@/lib/board/fields";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { boardMaps } from "@/lib/board/schema";
import { useBoardSession } from "../_lib/boardContext";
import { parseSelectionKey } from "../_lib/presence";
import { farTileFill, NO_MODEL_COLOR, useFarZoom } from "../_lib/zoomDetail";
import type { InitiativeNode } from "../_lib/useBoardGraph";
import { ModelOptions } from "./ModelOptions";
import { HintBadge } from "./portfolio/HintBadge";
import { YTextField } from "./YTextField";

const STATUS_STYLES: Record<string, string> = {
  idea: "bg-slate-100 text-slate-600",
  proposed: "bg-sky-50 text-sky-700",
  active: "bg-emerald-50 text-emerald-700",
  paused: "bg-amber-50 text-amber-700",
  done: "bg-indigo-50 text-indigo-700",
  stopped: "bg-rose-50 text-rose-700",
};

const HEALTH_COLORS: Record<string, string> = {
  "on-track": "bg-emerald-500",
  "at-risk": "bg-amber-500",
  "off-track": "bg-rose-500",
};

/**
 * A card seen from far away (zoom below FAR_ZOOM): a tile in its model's colour with the title
 * in large type, still a card for selection, dragging, links and screen readers.
 */
function InitiativeTile({ id, data, selected }: NodeProps<InitiativeNode>) {
  const { models, presence } = useBoardSession();
  const selectionKey = useSyncExternalStore(presence.subscribe, () => presence.selectionKey(id), () => "");
  const peerRing = parseSelectionKey(selectionKey)[0]?.color;
  const initiative = data.initiative;
  const model = initiative.modelId ? models.get(initiative.modelId) : undefined;
  const color = model?.color ?? NO_MODEL_COLOR;
  const ring = selected ? "0 0 0 6px #6366f1" : peerRing ? `0 0 0 6px ${peerRing}` : undefined;
  return (
    <div
      data-testid="initiative-card"
      data-initiative-id={id}
      data-detail="tile"
      className="relative overflow-hidden rounded-lg border-2 px-4 py-3"
      style={{ width: CARD_WIDTH, height: CARD_HEIGHT, borderColor: color, background: farTileFill(color), boxShadow: ring }}
    >
      <p className="line-clamp-2 text-[30px] font-semibold leading-[36px] text-slate-900">{initiative.title || "Untitled"}</p>
      <Handle type="target" position={Position.Left} isConnectable={false} className="invisible" />
      <Handle type="source" position={Position.Right} isConnectable={false} className="invisible" />
    </div>
  );
}

function InitiativeCardDetail({ id, data, selected }: NodeProps<InitiativeNode>) {
  const { doc, models, readOnly, presence, requestModelChange, editingTitleId, setEditingTitleId } = useBoardSession();
  const selectionKey = useSyncExternalStore(presence.subscribe, () => presence.selectionKey(id), () => "");
  const peers = parseSelectionKey(selectionKey);
  const initiative = data.initiative;
  const model = initiative.modelId ? models.get(initiative.modelId) : undefined;
  const stripe = model?.color ?? "#cbd5e1";
  const editing = editingTitleId === id && !readOnly;
  const item = boardMaps(doc).initiatives.get(id);
  const health = typeof initiative.health === "string" ? initiative.health : "";
  const horizon = typeof initiative.horizon === "string" ? initiative.horizon : "";
  const title = initiative.title || "Untitled initiative";
  const peerRing = peers[0]?.color;
  // A <select> with every model costs ~30 DOM nodes; 2,000 cards would carry 60,000 of them. The
  // real picker is mounted once the pointer reaches the label, or while the card is selected
  // (keyboard users select a card with Enter or Space before tabbing to it).
  const [pickerArmed, setPickerArmed] = useState(false);
  const showPicker = pickerArmed || selected;
  // Edges still attach to the handles in view mode; they just are not offered as grips there.
  const handleVisibility = readOnly ? "invisible" : "opacity-0 transition-opacity group-hover:opacity-100";

  return (
    <div
      data-testid="initiative-card"
      data-initiative-id={id}
      className={`group relative flex flex-col rounded-lg border bg-white text-left shadow-sm transition-shadow ${
        selected ? "border-indigo-500 shadow-md" : "border-slate-200 hover:shadow-md"
      } ${data.remoteDrag ? "opacity-80 shadow-lg" : ""}`}
      style={{ width: CARD_WIDTH, minHeight: CARD_HEIGHT, ...(peerRing && !selected ? { boxShadow: `0 0 0 2px ${peerRing}` } : {}) }}
    >
      <div className="absolute inset-y-0 left-0 w-1.5 rounded-l-lg" style={{ background: stripe }} aria-hidden />
      <HintBadge hints={data.hints} />
      {peers.length > 0 && (
        <div className="absolute -top-5 left-2 flex gap-1" aria-label={`Selected by ${peers.map((peer) => peer.name).join(", ")}`}>
          {peers.map((peer) => (
            <span key={peer.name} className="rounded px-1.5 text-[10px] font-medium leading-4 text-white" style={{ background: peer.color }}>
              {peer.name}
            </span>
          ))}
        </div>
      )}
      <div className="flex flex-1 flex-col py-2.5 pl-4 pr-3">
        <div className="flex items-center justify-between gap-2">
          <label onPointerEnter={() => setPickerArmed(true)} className="nodrag relative flex min-w-0 items-center gap-1.5 rounded px-1 -mx-1 text-xs text-slate-600 hover:bg-slate-100">
            <span className="h-2 w-2 shrink-0 rounded-full" style={{ background: model?.color ?? "transparent", border: model ? "none" : "1px dashed #94a3b8" }} aria-hidden />
            <span data-testid="card-model" className={`truncate ${model ? "font-medium" : "italic text-slate-400"}`}>
              {model?.name ?? "No model"}
            </span>
            {showPicker && (
              <select
                data-testid="card-model-picker"
                aria-label={`Model for ${title}`}
                value={initiative.modelId ?? ""}
                disabled={readOnly}
                onChange={(event) => requestModelChange(id, event.target.value || null)}
                className="absolute inset-0 cursor-pointer opacity-0 disabled:cursor-default"
              >
                <ModelOptions models={models} preferredFamily="funding" />
              </select>
            )}
          </label>
          {horizon && (
            <span className="shrink-0 rounded border border-slate-200 px-1 text-[10px] font-semibold text-slate-500">{horizon}</span>
          )}
        </div>
        {editing && item ? (
          <YTextField
            item={item}
            field="title"
            label="Initiative title"
            testId="card-title-input"
            autoFocus
            className="nodrag mt-1 w-full rounded border border-indigo-300 px-1 py-0.5 text-sm font-semibold text-slate-900 outline-none"
            onKeyDown={(event) => {
              if (event.key === "Enter" || event.key === "Escape") {
                event.preventDefault();
                setEditingTitleId(null);
              }
              event.stopPropagation();
            }}
            onBlur={() => setEditingTitleId(null)}
          />
        ) : (
          <p
            data-testid="card-title"
            className={`mt-1 line-clamp-3 text-sm font-semibold leading-snug ${initiative.title ? "text-slate-900" : "text-slate-400"}`}
            onDoubleClick={(event) => {
              if (readOnly) return;
              event.stopPropagation();
              setEditingTitleId(id);
            }}
          >
            {title}
          </p>
        )}
        <div className="mt-auto flex items-center gap-2 pt-2 text-xs text-slate-500">
          <span data-testid="card-owner" className="min-w-0 flex-1 truncate">
            {initiative.owner || <span className="italic text-slate-400">No owner</span>}
          </span>
          {health && (
            <span className={`h-2 w-2 shrink-0 rounded-full ${HEALTH_COLORS[health] ?? "bg-slate-300"}`} title={optionLabel(HEALTH_VALUES, health)} aria-label={`Health: ${optionLabel(HEALTH_VALUES, health)}`} />
          )}
          <span data-testid="card-status" className={`shrink-0 rounded px-1.5 py-0.5 text-[10px] font-medium ${STATUS_STYLES[initiative.status] ?? STATUS_STYLES.idea}`}>
            {optionLabel(INITIATIVE_STATUSES, initiative.status) || "—"}
          </span>
        </div>
      </div>
      <Handle type="target" position={Position.Left} isConnectable={!readOnly} className={`!h-2.5 !w-2.5 !border-2 !border-white !bg-slate-400 ${handleVisibility}`} />
      <Handle type="source" position={Position.Right} isConnectable={!readOnly} className={`!h-2.5 !w-2.5 !border-2 !border-white !bg-indigo-500 ${handleVisibility}`} />
    </div>
  );
}

function InitiativeCardView(props: NodeProps<InitiativeNode>) {
  const { editingTitleId } = useBoardSession();
  // A card whose title is being typed stays whole whatever the zoom.
  return useFarZoom() && editingTitleId !== props.id ? <InitiativeTile {...props} /> : <InitiativeCardDetail {...props} />;
}

export const InitiativeCard = memo(InitiativeCardView);
