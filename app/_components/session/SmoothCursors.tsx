"use client";

import { useStoreApi } from "@xyflow/react";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { approach } from "@/lib/session/awareness";
import type { PeerState, PresenceStore } from "../../_lib/presence";
import { BoardViewportPortal } from "../BoardViewportPortal";

const NO_PEERS: PeerState[] = [];

interface Animated {
  element: HTMLDivElement;
  x: number;
  y: number;
  placed: boolean;
}

/**
 * Other people's pointers in board coordinates. Awareness brings ~20 positions a second; each
 * frame eases the drawn pointer toward the latest one, so motion looks continuous. Positions are
 * written to the DOM directly: React renders only when someone arrives or leaves.
 */
export function SmoothCursors({ presence }: { presence: PresenceStore }) {
  const peers = useSyncExternalStore(presence.subscribe, presence.getPeers, () => NO_PEERS);
  const store = useStoreApi();
  const animated = useRef(new Map<number, Animated>());
  const targets = useRef(new Map<number, { x: number; y: number } | null>());
  targets.current = new Map(peers.map((peer) => [peer.clientId, peer.cursor]));

  useEffect(() => {
    let frame = 0;
    let last = performance.now();
    const tick = (now: number) => {
      const elapsed = Math.min(100, now - last);
      last = now;
      const zoom = store.getState().transform[2] || 1;
      for (const [clientId, entry] of animated.current) {
        if (!targets.current.has(clientId)) {
          animated.current.delete(clientId);
          continue;
        }
        const target = targets.current.get(clientId);
        if (!target) {
          entry.element.style.visibility = "hidden";
          entry.placed = false;
          continue;
        }
        if (!entry.placed) {
          entry.x = target.x;
          entry.y = target.y;
          entry.placed = true;
        } else {
          entry.x = approach(entry.x, target.x, elapsed);
          entry.y = approach(entry.y, target.y, elapsed);
        }
        entry.element.style.visibility = "visible";
        entry.element.style.transform = `translate(${entry.x}px, ${entry.y}px) scale(${1 / zoom})`;
        entry.element.dataset.x = String(Math.round(entry.x));
        entry.element.dataset.y = String(Math.round(entry.y));
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [store]);

  // Ref callbacks are new each render; keep the eased position and drop entries only once gone.
  const register = (clientId: number) => (element: HTMLDivElement | null) => {
    if (!element) return;
    const existing = animated.current.get(clientId);
    if (existing) existing.element = element;
    else animated.current.set(clientId, { element, x: 0, y: 0, placed: false });
  };

  return (
    <BoardViewportPortal>
      {peers.map((peer) => (
        <div
          key={peer.clientId}
          ref={register(peer.clientId)}
          data-testid="remote-cursor"
          data-name={peer.name}
          className="pointer-events-none absolute left-0 top-0 z-50"
          style={{ visibility: "hidden", transformOrigin: "0 0" }}
        >
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
            <path d="M2 2 L16 8 L9 10 L6 16 Z" fill={peer.color} stroke="white" strokeWidth="1.5" strokeLinejoin="round" />
          </svg>
          <span className="ml-3 rounded px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-white shadow-sm" style={{ background: peer.color }}>
            {peer.name}
          </span>
        </div>
      ))}
    </BoardViewportPortal>
  );
}
