"use client";

import { NodeResizer, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { updateNote } from "@/lib/board/mutations";
import { DEFAULT_FRAME_COLOR, FRAME_MIN_SIZE } from "@/lib/board/noteKinds";
import { boardMaps } from "@/lib/board/schema";
import { useBoardSession } from "../_lib/boardContext";
import type { NoteNode } from "../_lib/useBoardGraph";
import { NotePalette } from "./NotePalette";
import { YTextField } from "./YTextField";

/**
 * A titled, tinted rectangle behind cards. Its title bar and resize handles take the pointer
 * (select, drag, resize); its body lets clicks through to the canvas, so one can still pan, draw a
 * selection box or double-click a new card inside a frame.
 */
function FrameItemView({ id, data, selected }: NodeProps<NoteNode>) {
  const { doc, origin, readOnly, editingTitleId, setEditingTitleId } = useBoardSession();
  const item = boardMaps(doc).notes.get(id);
  const editing = editingTitleId === id && !readOnly;
  const color = data.note.color || DEFAULT_FRAME_COLOR;
  const title = data.note.text;
  return (
    <div
      data-testid="frame"
      data-frame-id={id}
      data-color={color}
      className={`relative h-full w-full rounded-xl border-2 ${selected ? "shadow-[0_0_0_2px_rgba(99,102,241,0.6)]" : ""}`}
      style={{ borderColor: color, background: `color-mix(in srgb, ${color} 30%, transparent)` }}
    >
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={FRAME_MIN_SIZE.width}
        minHeight={FRAME_MIN_SIZE.height}
        color="#6366f1"
        handleClassName="!pointer-events-auto !h-2.5 !w-2.5 !rounded-sm"
        lineClassName="!pointer-events-auto"
        onResizeEnd={(_event, box) =>
          updateNote(
            doc,
            id,
            { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) },
            origin,
          )
        }
      />
      {selected && <NotePalette id={id} kind="frame" color={color} />}
      <div
        data-testid="frame-title-bar"
        className="pointer-events-auto flex h-8 max-w-full cursor-grab items-center rounded-tl-[10px] rounded-br-lg px-3 text-sm font-semibold text-slate-700 active:cursor-grabbing"
        style={{ background: color, width: "fit-content" }}
        onDoubleClick={(event) => {
          if (readOnly) return;
          event.stopPropagation();
          setEditingTitleId(id);
        }}
      >
        {editing && item ? (
          <YTextField
            item={item}
            field="text"
            autoFocus
            label="Frame title"
            testId="frame-title-input"
            className="nodrag w-56 rounded bg-white/80 px-1 outline-none"
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
          <span data-testid="frame-title" className={`truncate ${title ? "" : "italic text-slate-500"}`}>
            {title || "Untitled frame"}
          </span>
        )}
      </div>
    </div>
  );
}

export const FrameItem = memo(FrameItemView);
