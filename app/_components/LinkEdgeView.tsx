"use client";

import { BaseEdge, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { LinkEdge } from "../_lib/useBoardGraph";

/** Label type: 11 px; an average glyph of the UI font is about 0.58 em wide. */
const LABEL_FONT_PX = 11;
const GLYPH_WIDTH_PX = LABEL_FONT_PX * 0.58;
const LABEL_PADDING_PX = 4;

/**
 * A link between two initiatives. React Flow's default label measures its text with getBBox
 * after mounting, which forces a layout of the whole page once per labelled link (a second and
 * more on a 2,000-card board); this one sizes the label's backdrop from its length instead.
 */
function LinkEdgeViewBase({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, style, markerEnd, markerStart, interactionWidth }: EdgeProps<LinkEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const text = typeof label === "string" ? label : "";
  const width = Math.ceil(text.length * GLYPH_WIDTH_PX) + LABEL_PADDING_PX * 2;
  return (
    <>
      <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} markerStart={markerStart} interactionWidth={interactionWidth} />
      {text && (
        <g transform={`translate(${labelX} ${labelY})`} className="react-flow__edge-textwrapper" data-testid="link-label">
          <rect x={-width / 2} y={-9} width={width} height={18} rx={3} className="react-flow__edge-textbg" />
          <text className="react-flow__edge-text" textAnchor="middle" dy="0.32em" style={{ fontSize: LABEL_FONT_PX, fill: "#475569" }}>
            {text}
          </text>
        </g>
      )}
    </>
  );
}

export const LinkEdgeView = memo(LinkEdgeViewBase);
