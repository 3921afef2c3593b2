"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { pendingGather } from "@/lib/session/awareness";
import type { SessionPeer } from "./peers";

export interface FollowState {
  /** The peer whose viewport this person's canvas tracks. */
  followingId: number | null;
  follow: (clientId: number | null) => void;
  /** Whether this person is asking everyone to follow them. */
  gathering: boolean;
  setGathering: (on: boolean) => void;
}

/**
 * Follow mode and "bring everyone to me". Following ends as soon as the person pans or zooms by
 * hand; a gather request is obeyed until then, and a newer request gathers them again.
 */
export function useFollow(awareness: Awareness, peers: readonly SessionPeer[]): FollowState {
  const { setCenter } = useReactFlow();
  const [followingId, setFollowingId] = useState<number | null>(null);
  const [gathering, setGatheringState] = useState(false);
  const dismissedGatherAt = useRef(0);
  const obeyedGather = useRef<number | null>(null);

  const follow = useCallback((clientId: number | null) => {
    obeyedGather.current = null;
    setFollowingId(clientId);
  }, []);

  const setGathering = useCallback(
    (on: boolean) => {
      setGatheringState(on);
      awareness.setLocalStateField("gather", on ? { by: awareness.clientID, at: Date.now() } : null);
      if (on) setFollowingId(null);
    },
    [awareness],
  );

  const gather = pendingGather(
    peers.flatMap((peer) => (peer.gather ? [peer.gather] : [])),
    dismissedGatherAt.current,
    awareness.clientID,
  );
  useEffect(() => {
    if (!gather || obeyedGather.current === gather.at) return;
    obeyedGather.current = gather.at;
    setFollowingId(gather.by);
  }, [gather]);

  const target = followingId === null ? undefined : peers.find((peer) => peer.clientId === followingId);
  const viewport = target?.viewport;
  useEffect(() => {
    if (followingId !== null && !target) setFollowingId(null);
  }, [followingId, target]);
  useEffect(() => {
    if (viewport) void setCenter(viewport.x, viewport.y, { zoom: viewport.zoom, duration: 120 });
  }, [viewport, setCenter]);

  useEffect(() => {
    if (followingId === null) return;
    const canvas = document.querySelector('[data-testid="board-canvas"]');
    if (!canvas) return;
    const stop = () => {
      if (obeyedGather.current !== null) dismissedGatherAt.current = obeyedGather.current;
      obeyedGather.current = null;
      setFollowingId(null);
    };
    const onPointerDown = (event: Event) => {
      if (event.target instanceof Element && event.target.classList.contains("react-flow__pane")) stop();
    };
    canvas.addEventListener("wheel", stop, { passive: true });
    canvas.addEventListener("pointerdown", onPointerDown);
    return () => {
      canvas.removeEventListener("wheel", stop);
      canvas.removeEventListener("pointerdown", onPointerDown);
    };
  }, [followingId]);

  return { followingId, follow, gathering, setGathering };
}
