"use client";

import { EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { linkStyle } from "@/lib/board/linkStyle";
import { useBoardSession } from "../_lib/boardContext";
import { dashedPieces } from "../_lib/dashedPieces";
import { useLinkEditor } from "../_lib/linkEditor";
import type { LinkEdge as LinkEdgeType } from "../_lib/useBoardGraph";
import { useFarZoom } from "../_lib/zoomDetail";

/** Arrowhead length in board pixels; blocking links get a bigger one to match their weight. */
const ARROW_SIZE = 11;
const BLOCKING_ARROW_SIZE = 15;

/**
 * A link drawn by its fields: dash pattern and colour from its collaboration mode, red and
 * heavier when blocking, and a caption with its label and mode name. The arrowhead is its own
 * marker, so it has the line's colour and ends at the target's handle, outside the card.
 */
function LinkEdgeView(props: EdgeProps<LinkEdgeType>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const { models, readOnly } = useBoardSession();
  const { openLink } = useLinkEditor();
  // Seen from far away a caption is a smudge; a selected link keeps it so its panel has an anchor.
  const far = useFarZoom();
  if (!data) return null;
  const style = linkStyle(data.link, models);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const markerId = `link-arrow-${id}`;
  // A long dashed link is painted in pieces (see dashedPieces); the link's own path then keeps
  // its geometry, attributes (its colour and pattern included) and arrowhead, but its style
  // paints no stroke of its own.
  const pieces = style.dash ? dashedPieces(path, style.dash) : null;
  const size = style.blocking ? BLOCKING_ARROW_SIZE : ARROW_SIZE;
  return (
    <>
      <defs>
        <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth={size} markerHeight={size} markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill={style.stroke} />
        </marker>
      </defs>
      {selected && <path d={path} fill="none" stroke="#6366f1" strokeOpacity={0.35} strokeWidth={style.strokeWidth + 6} strokeLinecap="round" />}
      <path
        d={path}
        fill="none"
        className="react-flow__edge-path"
        data-testid="link-path"
        data-link-id={id}
        data-mode={typeof data.link.mode === "string" ? data.link.mode : ""}
        data-blocking={style.blocking ? "true" : "false"}
        data-pieces={pieces?.length ?? 1}
        stroke={style.stroke}
        strokeWidth={style.strokeWidth}
        strokeDasharray={style.dash}
        markerEnd={`url(#${markerId})`}
        style={{ stroke: pieces ? "none" : style.stroke, strokeWidth: style.strokeWidth }}
      />
      {pieces?.map((piece, index) => (
        <path
          key={index}
          d={piece.d}
          fill="none"
          stroke={style.stroke}
          strokeWidth={style.strokeWidth}
          strokeDasharray={style.dash}
          strokeDashoffset={piece.dashOffset}
          pointerEvents="none"
          data-testid="link-piece"
          data-link-id={id}
        />
      ))}
      <path d={path} fill="none" stroke="transparent" strokeWidth={20} className="react-flow__edge-interaction" />
      {((style.caption && !far) || selected) && (
        <EdgeLabelRenderer>
          <button
            type="button"
            tabIndex={-1}
            data-testid="link-caption"
            data-link-id={id}
            onClick={() => openLink(id, false)}
            onDoubleClick={(event) => {
              event.stopPropagation();
              if (!readOnly) openLink(id, true);
            }}
            title={style.caption || undefined}
            className={`nodrag nopan absolute max-w-[300px] truncate rounded-full border bg-white px-2 py-0.5 text-[11px] font-medium shadow-xs ${
              selected ? "border-indigo-400" : "border-slate-200"
            } ${style.caption ? "" : "italic text-slate-400"}`}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              pointerEvents: "all",
              color: style.blocking ? style.stroke : "#334155",
            }}
          >
            {style.blocking && (
              <svg width="10" height="10" viewBox="0 0 10 10" className="mr-1 inline align-[-1px]" aria-label="Blocking">
                <circle cx="5" cy="5" r="4.5" fill="currentColor" />
                <path d="M2.5 5h5" stroke="#fff" strokeWidth="1.6" />
              </svg>
            )}
            {style.caption || "Unlabelled link"}
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);
