"use client";

import { EdgeLabelRenderer, getBezierPath, useStore, type EdgeProps } from "@xyflow/react";
import { memo, useMemo } from "react";
import { linkStroke, linkStyle, type LinkStyle } from "@/lib/board/linkStyle";
import type { ModelContent } from "@/lib/board/types";
import { useBoardSession } from "../_lib/boardContext";
import { dashedPieces } from "../_lib/dashedPieces";
import { useLinkEditor } from "../_lib/linkEditor";
import type { LinkEdge as LinkEdgeType } from "../_lib/useBoardGraph";
import { useFarZoom } from "../_lib/zoomDetail";

/** Arrowhead length in board pixels; blocking links get a bigger one to match their weight. */
const ARROW_SIZE = 11;
const BLOCKING_ARROW_SIZE = 15;
/**
 * Below 50 % a caption's 11 px type is under 5.5 px on screen: a smudge, and ~340 portalled
 * buttons to mount when a large board comes in from far away. A selected link keeps its caption.
 */
const CAPTION_ZOOM = 0.5;

/** The arrowhead marker of a line of this colour and weight (see LinkMarkers). */
export function linkMarkerId(style: Pick<LinkStyle, "stroke" | "blocking">): string {
  // Colours are "#" and hex digits or a colour name (linkStyle's SAFE_COLOR): kept apart by a letter.
  const colour = style.stroke.startsWith("#") ? `h${style.stroke.slice(1)}` : `n${style.stroke}`;
  return `link-arrow-${style.blocking ? "blocking" : "plain"}-${colour.replace(/[^a-z0-9]/gi, "")}`;
}

/**
 * One arrowhead marker per colour a link can have (linkStyle: grey, a model's colour, or red and
 * larger when blocking), shared by every link of that colour: a marker per link was ~1,300
 * elements to mount for the ~430 links in view when a large board comes in from far away.
 * `markerUnits="userSpaceOnUse"` sizes each in the referencing line's board pixels.
 */
export function LinkMarkers({ models }: { models: ReadonlyMap<string, ModelContent> }) {
  const markers = useMemo(() => {
    const styles = new Map<string, { stroke: string; size: number }>();
    const add = (mode: ModelContent | undefined, blocking: boolean) => {
      const stroke = linkStroke(mode, blocking);
      styles.set(linkMarkerId({ stroke, blocking }), { stroke, size: blocking ? BLOCKING_ARROW_SIZE : ARROW_SIZE });
    };
    add(undefined, true);
    add(undefined, false);
    for (const mode of models.values()) add(mode, false);
    return [...styles];
  }, [models]);
  return (
    <svg aria-hidden width={0} height={0} className="pointer-events-none absolute" data-testid="link-markers">
      <defs>
        {markers.map(([id, { stroke, size }]) => (
          <marker key={id} id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth={size} markerHeight={size} markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill={stroke} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}

/**
 * A link drawn by its fields: dash pattern and colour from its collaboration mode, red and
 * heavier when blocking, and a caption with its label and mode name. The arrowhead is a marker
 * of the line's colour (LinkMarkers), ending at the target's handle, outside the card.
 */
function LinkEdgeView(props: EdgeProps<LinkEdgeType>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const { models, readOnly } = useBoardSession();
  const { openLink } = useLinkEditor();
  // Seen from far away a caption is a smudge; a selected link keeps it so its panel has an anchor.
  const far = useFarZoom();
  // Changes only when the zoom crosses CAPTION_ZOOM, so a wheel notch re-renders no link.
  const captionsReadable = useStore((state) => state.transform[2] >= CAPTION_ZOOM);
  if (!data) return null;
  const style = linkStyle(data.link, models);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const markerId = linkMarkerId(style);
  // A long dashed link is painted in pieces (see dashedPieces); the link's own path then keeps
  // its geometry, attributes (its colour and pattern included) and arrowhead, but its style
  // paints no stroke of its own.
  const pieces = style.dash ? dashedPieces(path, style.dash) : null;
  return (
    <>
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
      {((style.caption && !far && captionsReadable) || selected) && (
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
