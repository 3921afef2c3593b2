"use client";

import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { CARD_HEIGHT, CARD_WIDTH } from "../../../lib/board/geometry";
import type { Guide } from "../../../lib/board/projections";
import type { BoardContent } from "../../../lib/board/types";
import { linkStyle } from "../../../lib/board/linkStyle";
import { framesFirst } from "../../../lib/board/noteKinds";
import { StaticNote } from "../StaticNote";
import { SnapshotCard } from "./SnapshotCard";
import { fitScale, sceneFor, SNAPSHOT_VIEWS, type SnapshotScene } from "./snapshotLayout";

/** What the server assumes before the browser can measure: a laptop-wide map area. */
const ASSUMED_VIEWPORT = { width: 1180, height: 620 };
const MIN_SCALE = 0.15;
const MAX_SCALE = 2.5;

interface Camera {
  x: number;
  y: number;
  scale: number;
}

function fittedCamera(scene: SnapshotScene, viewport: { width: number; height: number }): Camera {
  const scale = fitScale(scene.bounds, viewport);
  return {
    scale,
    x: (viewport.width - scene.bounds.width * scale) / 2 - scene.bounds.x * scale,
    y: Math.max(0, (viewport.height - scene.bounds.height * scale) / 2) - scene.bounds.y * scale,
  };
}

function GuideShape({ guide }: { guide: Guide }) {
  if (guide.kind === "region") {
    return (
      <div className="absolute rounded-xl border border-dashed border-slate-300 bg-white/50" style={{ left: guide.x, top: guide.y, width: guide.width, height: guide.height }}>
        <span className="absolute left-3 top-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{guide.label}</span>
      </div>
    );
  }
  if (guide.kind === "ring") {
    return (
      <div
        className="absolute rounded-full border border-slate-300"
        style={{ left: guide.center.x - guide.outerRadius, top: guide.center.y - guide.outerRadius, width: 2 * guide.outerRadius, height: 2 * guide.outerRadius }}
      >
        <span className="absolute left-1/2 top-2 -translate-x-1/2 text-xs font-semibold text-slate-500">{guide.label}</span>
      </div>
    );
  }
  return null;
}

/**
 * The frozen map. The server renders it fitted to a typical width, so it reads without
 * scripts; in the browser it measures itself and adds pan, zoom and the view switcher.
 */
export function SnapshotMap({ content }: { content: BoardContent }) {
  const [viewId, setViewId] = useState("canvas");
  const scene = useMemo(() => sceneFor(content, viewId), [content, viewId]);
  const [camera, setCamera] = useState<Camera | null>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ pointerId: number; startX: number; startY: number; camera: Camera } | null>(null);

  const staticScale = fitScale(scene.bounds, ASSUMED_VIEWPORT);

  function fit() {
    const element = viewportRef.current;
    if (element) setCamera(fittedCamera(scene, { width: element.clientWidth, height: element.clientHeight }));
  }

  useEffect(fit, [scene]);

  useEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    // Wheel zoom must cancel page scrolling, which React's passive wheel listener cannot.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const pointX = event.clientX - rect.left;
      const pointY = event.clientY - rect.top;
      setCamera((current) => {
        if (!current) return current;
        const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, current.scale * Math.exp(-event.deltaY / 400)));
        const ratio = scale / current.scale;
        return { scale, x: pointX - (pointX - current.x) * ratio, y: pointY - (pointY - current.y) * ratio };
      });
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, []);

  function zoomBy(factor: number) {
    const element = viewportRef.current;
    if (!element) return;
    const centerX = element.clientWidth / 2;
    const centerY = element.clientHeight / 2;
    setCamera((current) => {
      if (!current) return current;
      const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, current.scale * factor));
      const ratio = scale / current.scale;
      return { scale, x: centerX - (centerX - current.x) * ratio, y: centerY - (centerY - current.y) * ratio };
    });
  }

  function onPointerDown(event: ReactPointerEvent<HTMLDivElement>) {
    if (!camera || event.button !== 0) return;
    drag.current = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, camera };
    event.currentTarget.setPointerCapture(event.pointerId);
  }

  function onPointerMove(event: ReactPointerEvent<HTMLDivElement>) {
    const start = drag.current;
    if (!start || start.pointerId !== event.pointerId) return;
    setCamera({ ...start.camera, x: start.camera.x + event.clientX - start.startX, y: start.camera.y + event.clientY - start.startY });
  }

  function onPointerUp() {
    drag.current = null;
  }

  const { bounds } = scene;
  const worldStyle = camera
    ? { transform: `translate(${camera.x}px, ${camera.y}px) scale(${camera.scale})`, transformOrigin: "0 0" }
    : { transform: `scale(${staticScale}) translate(${-bounds.x}px, ${-bounds.y}px)`, transformOrigin: "0 0" };

  const models = new Map(Object.entries(content.models));
  const links = Object.values(content.links).flatMap((link) => {
    const from = scene.positions[link.from];
    const to = scene.positions[link.to];
    return from && to ? [{ link, from, to, style: linkStyle(link, models) }] : [];
  });

  return (
    <section aria-label="Map" className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2.5">
        <div role="tablist" aria-label="View" data-testid="view-switcher" className="flex gap-1 rounded-lg bg-slate-100 p-0.5">
          {SNAPSHOT_VIEWS.map((choice) => (
            <button
              key={choice.id}
              type="button"
              role="tab"
              aria-selected={viewId === choice.id}
              disabled={!camera}
              onClick={() => setViewId(choice.id)}
              className={`rounded-md px-2.5 py-1 text-xs font-medium disabled:cursor-default ${viewId === choice.id ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
            >
              {choice.label}
            </button>
          ))}
        </div>
        <div className="ml-auto flex items-center gap-1" aria-label="Zoom">
          <button type="button" disabled={!camera} onClick={() => zoomBy(1 / 1.25)} className="h-7 w-7 rounded-md border border-slate-200 text-sm text-slate-700 hover:bg-slate-50" aria-label="Zoom out">
            −
          </button>
          <button type="button" disabled={!camera} onClick={fit} className="h-7 rounded-md border border-slate-200 px-2 text-xs text-slate-700 hover:bg-slate-50">
            Fit
          </button>
          <button type="button" disabled={!camera} onClick={() => zoomBy(1.25)} className="h-7 w-7 rounded-md border border-slate-200 text-sm text-slate-700 hover:bg-slate-50" aria-label="Zoom in">
            +
          </button>
        </div>
      </div>
      <div
        ref={viewportRef}
        data-testid="snapshot-map"
        data-enhanced={camera ? "true" : "false"}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        className={`relative overflow-hidden bg-slate-50 [background-image:radial-gradient(#e2e8f0_1px,transparent_1px)] [background-size:22px_22px] ${camera ? "cursor-grab touch-none active:cursor-grabbing" : ""}`}
        style={camera ? { height: "min(70vh, 760px)" } : { height: Math.min(bounds.height * staticScale, 760) }}
      >
        <div className="absolute left-0 top-0" style={worldStyle}>
          {scene.guides.map((guide, index) => (
            <GuideShape key={`${guide.kind}-${index}`} guide={guide} />
          ))}
          {scene.showNotes &&
            framesFirst(Object.values(content.notes)).map((note) => (
              <StaticNote key={note.id} note={note} left={note.x} top={note.y} />
            ))}
          <svg className="pointer-events-none absolute overflow-visible" style={{ left: 0, top: 0 }} width="1" height="1" aria-hidden>
            {links.map(({ link, from, to, style }) => (
              <line
                key={link.id}
                data-testid="snapshot-link"
                x1={from.x + CARD_WIDTH}
                y1={from.y + CARD_HEIGHT / 2}
                x2={to.x}
                y2={to.y + CARD_HEIGHT / 2}
                stroke={style.stroke}
                strokeWidth={style.strokeWidth}
                strokeDasharray={style.dash}
              >
                {style.caption && <title>{style.caption}</title>}
              </line>
            ))}
          </svg>
          {Object.values(content.initiatives).map((initiative) => {
            const position = scene.positions[initiative.id];
            if (!position) return null;
            const model = initiative.modelId ? content.models[initiative.modelId] : undefined;
            return <SnapshotCard key={initiative.id} initiative={initiative} model={model} x={position.x} y={position.y} />;
          })}
        </div>
      </div>
    </section>
  );
}
