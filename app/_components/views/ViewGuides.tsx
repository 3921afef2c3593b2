"use client";

import { memo } from "react";
import type { Guide } from "@/lib/board/projections";
import { BoardViewportPortal } from "../BoardViewportPortal";

/**
 * The drawing under a structured view's cards: rings and sectors, axes with their ticks, lanes,
 * columns and quadrants. It lives in the viewport's own coordinates (pans and zooms with the
 * cards at no cost per frame) and below cards and links; it never takes pointer events.
 */

const RING_FILLS = ["#eef2ff", "#f5f7ff", "#f8fafc", "#fbfcfe"];
const LABEL = "#475569";
const FAINT = "#94a3b8";

function polar(center: { x: number; y: number }, radius: number, angle: number) {
  return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
}

function RingGuide({ guide }: { guide: Extract<Guide, { kind: "ring" }> }) {
  const unplaced = guide.key === null;
  const labelAt = polar(guide.center, (guide.innerRadius + guide.outerRadius) / 2, -Math.PI / 2 + 0.02);
  return (
    <g>
      <circle
        cx={guide.center.x}
        cy={guide.center.y}
        r={guide.outerRadius}
        fill={unplaced ? "none" : (RING_FILLS[guide.key ?? 0] ?? "#f8fafc")}
        stroke={unplaced ? FAINT : "#c7d2fe"}
        strokeWidth={unplaced ? 2 : 3}
        strokeDasharray={unplaced ? "14 10" : undefined}
      />
      <text x={labelAt.x + 12} y={labelAt.y} fontSize={30} fontWeight={600} fill={unplaced ? FAINT : "#4f46e5"} dominantBaseline="middle">
        {guide.label}
      </text>
    </g>
  );
}

function SectorGuide({ guide }: { guide: Extract<Guide, { kind: "sector" }> }) {
  const edge = polar(guide.center, guide.radius, guide.startAngle);
  const middle = (guide.startAngle + guide.endAngle) / 2;
  const labelAt = polar(guide.center, guide.radius + 50, middle);
  const anchor = Math.abs(Math.cos(middle)) < 0.2 ? "middle" : Math.cos(middle) > 0 ? "start" : "end";
  return (
    <g>
      <line x1={guide.center.x} y1={guide.center.y} x2={edge.x} y2={edge.y} stroke="#cbd5e1" strokeWidth={3} strokeDasharray="2 12" strokeLinecap="round" />
      <text x={labelAt.x} y={labelAt.y} fontSize={44} fontWeight={700} fill={LABEL} textAnchor={anchor} dominantBaseline="middle">
        {guide.label}
      </text>
    </g>
  );
}

function AxisGuide({ guide }: { guide: Extract<Guide, { kind: "axis" }> }) {
  const horizontal = guide.axis === "x";
  const middle = { x: (guide.from.x + guide.to.x) / 2, y: (guide.from.y + guide.to.y) / 2 };
  return (
    <g>
      <line x1={guide.from.x} y1={guide.from.y} x2={guide.to.x} y2={guide.to.y} stroke="#64748b" strokeWidth={3} />
      {guide.ticks.map((tick) => (
        <g key={`${tick.label}-${tick.at.x}-${tick.at.y}`}>
          <line
            x1={tick.at.x}
            y1={tick.at.y}
            x2={horizontal ? tick.at.x : tick.at.x - 14}
            y2={horizontal ? tick.at.y + 14 : tick.at.y}
            stroke="#64748b"
            strokeWidth={3}
          />
          <text
            x={horizontal ? tick.at.x : tick.at.x - 22}
            y={horizontal ? tick.at.y + 40 : tick.at.y}
            fontSize={24}
            fill={LABEL}
            textAnchor={horizontal ? "middle" : "end"}
            dominantBaseline="middle"
          >
            {tick.label}
          </text>
        </g>
      ))}
      {horizontal ? (
        <text x={middle.x} y={middle.y + 78} fontSize={28} fontWeight={700} fill="#1e293b" textAnchor="middle">
          {guide.label} →
        </text>
      ) : (
        <text x={middle.x - 250} y={middle.y} fontSize={32} fontWeight={700} fill="#1e293b" textAnchor="middle" transform={`rotate(-90 ${middle.x - 250} ${middle.y})`}>
          {guide.label} →
        </text>
      )}
    </g>
  );
}

function RegionGuide({ guide }: { guide: Extract<Guide, { kind: "region" }> }) {
  switch (guide.role) {
    case "quadrant": {
      const shaded = guide.key === "low-high" || guide.key === "high-low";
      return <rect x={guide.x} y={guide.y} width={guide.width} height={guide.height} fill={shaded ? "#f1f5f9" : "#ffffff"} stroke="#e2e8f0" strokeWidth={2} />;
    }
    case "unplaced":
      return (
        <g>
          <rect x={guide.x - 12} y={guide.y - 12} width={guide.width + 24} height={guide.height + 24} rx={12} fill="none" stroke={FAINT} strokeWidth={2} strokeDasharray="12 8" />
          <text x={guide.x + guide.width} y={guide.y - 24} fontSize={22} fontWeight={600} fill={FAINT} textAnchor="end">
            Unplaced · drop a card here to clear both fields
          </text>
        </g>
      );
    case "column":
      return (
        <g>
          <rect x={guide.x} y={guide.y} width={guide.width} height={guide.height} fill={guide.key === null ? "#f8fafc" : "#ffffff"} stroke="#e2e8f0" strokeWidth={2} />
          <rect x={guide.x} y={guide.y} width={guide.width} height={48} fill="#f1f5f9" stroke="#e2e8f0" strokeWidth={2} />
          <text x={guide.x + 16} y={guide.y + 25} fontSize={20} fontWeight={700} fill={guide.key === null ? FAINT : "#1e293b"} dominantBaseline="middle">
            {guide.label}
          </text>
        </g>
      );
    case "lane":
      return (
        <g>
          <line x1={guide.x} y1={guide.y} x2={guide.x + guide.width} y2={guide.y} stroke="#cbd5e1" strokeWidth={2} />
          <text x={guide.x + 12} y={guide.y + 30} fontSize={17} fontWeight={700} fill={guide.key === null ? FAINT : "#1e293b"}>
            {guide.label.length > 24 ? `${guide.label.slice(0, 23)}…` : guide.label}
          </text>
        </g>
      );
  }
}

function GuideShape({ guide }: { guide: Guide }) {
  switch (guide.kind) {
    case "ring":
      return <RingGuide guide={guide} />;
    case "sector":
      return <SectorGuide guide={guide} />;
    case "axis":
      return <AxisGuide guide={guide} />;
    case "region":
      return <RegionGuide guide={guide} />;
  }
}

/** Order matters: fills first (rings, regions), then lines and labels on top of them. */
function paintOrder(guide: Guide): number {
  if (guide.kind === "ring") return -(guide.outerRadius);
  if (guide.kind === "region") return guide.role === "lane" ? 1 : 0;
  return 2;
}

function ViewGuidesView({ guides }: { guides: readonly Guide[] }) {
  if (guides.length === 0) return null;
  const ordered = [...guides].sort((a, b) => paintOrder(a) - paintOrder(b));
  return (
    <BoardViewportPortal>
      <svg
        data-testid="view-guides"
        className="pointer-events-none absolute left-0 top-0 overflow-visible"
        style={{ zIndex: -1 }}
        width={1}
        height={1}
        aria-hidden
      >
        {ordered.map((guide, index) => (
          <GuideShape key={index} guide={guide} />
        ))}
      </svg>
    </BoardViewportPortal>
  );
}

export const ViewGuides = memo(ViewGuidesView);
