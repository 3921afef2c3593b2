"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect, useState } from "react";
import { boardMaps } from "@/lib/board/schema";
import { activeVote, castDot, readVotes, removeDot } from "@/lib/session/votes";
import type { PresenceStore } from "../../_lib/presence";
import { useSession } from "../../_lib/session/context";
import { hasChosenName, rememberNameChosen } from "../../_lib/session/identity";
import { prepareOfflineShell } from "../../_lib/session/offlineShell";
import { useSinceVisit } from "../../_lib/session/useSinceVisit";
import { CanvasOverlay } from "./CanvasOverlay";
import { CommentsPanel } from "./CommentsPanel";
import { NameDialog } from "./NameDialog";
import { OfflineBanner } from "./OfflineBanner";
import { SessionBar } from "./SessionBar";
import { usePeople } from "./SessionProvider";
import { SinceVisit } from "./SinceVisit";
import { SmoothCursors } from "./SmoothCursors";
import { VotePanel } from "./VotePanel";

function useCanvasClicks(): void {
  const { doc, origin, readOnly, voter, voting, placingPin, setPlacingPin, setCommentTarget, setPanel } = useSession();
  const { screenToFlowPosition } = useReactFlow();
  useEffect(() => {
    const canvas = document.querySelector('[data-testid="board-canvas"]');
    if (!canvas || readOnly) return;
    // Capture phase on the canvas runs before React Flow's handlers, so a vote click never selects.
    const onClick = (event: Event) => {
      const mouse = event as MouseEvent;
      const target = mouse.target instanceof Element ? mouse.target : null;
      if (!target) return;
      if (placingPin && target.classList.contains("react-flow__pane")) {
        event.stopPropagation();
        const point = screenToFlowPosition({ x: mouse.clientX, y: mouse.clientY });
        setCommentTarget({ kind: "spot", x: Math.round(point.x), y: Math.round(point.y) });
        setPanel("comments");
        setPlacingPin(false);
        return;
      }
      const card = target.closest<HTMLElement>("[data-initiative-id]");
      const vote = activeVote(readVotes(doc), Date.now());
      if (!voting || !card || !vote || target.closest("select, input, textarea, button")) return;
      const id = card.getAttribute("data-initiative-id");
      if (!id) return;
      event.stopPropagation();
      event.preventDefault();
      if (mouse.altKey) removeDot(doc, vote.id, voter.id, id, Date.now(), origin);
      else castDot(doc, vote.id, voter, id, Date.now(), origin);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setPlacingPin(false);
    };
    canvas.addEventListener("click", onClick, { capture: true });
    window.addEventListener("keydown", onKeyDown);
    return () => {
      canvas.removeEventListener("click", onClick, { capture: true });
      window.removeEventListener("keydown", onKeyDown);
    };
  }, [doc, origin, readOnly, voter, voting, placingPin, setPlacingPin, setCommentTarget, setPanel, screenToFlowPosition]);
}

function useSelectedInitiative(): string | null {
  const store = useStoreApi();
  const { doc } = useSession();
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(
    () =>
      store.subscribe((state) => {
        const ids = state.nodes.filter((node) => node.selected).map((node) => node.id);
        const id = ids.length === 1 && ids[0] && boardMaps(doc).initiatives.has(ids[0]) ? ids[0] : null;
        setSelected(id);
      }),
    [store, doc],
  );
  return selected;
}

/**
 * The live-session layer over the canvas: facilitation bar, vote and comment panels, offline
 * banner, "since your last visit", smooth cursors and the overlays drawn on cards.
 */
export function SessionLayer({ presence }: { presence: PresenceStore }) {
  const session = useSession();
  const { doc, boardId, token, status, panel, user } = session;
  const { onUserChange } = usePeople();
  const live = status === "live";
  const { summary, dismiss } = useSinceVisit(doc, boardId, token, live);
  const [askName, setAskName] = useState(false);
  const selectedId = useSelectedInitiative();
  useCanvasClicks();

  useEffect(() => setAskName(!hasChosenName()), []);
  useEffect(() => {
    if (!live) return;
    const canvas = document.querySelector('[data-testid="board-canvas"]');
    void prepareOfflineShell(boardId, token).then((ready) => canvas?.setAttribute("data-offline-ready", ready ? "true" : "false"));
  }, [live, boardId, token]);

  return (
    <>
      <SmoothCursors presence={presence} />
      <CanvasOverlay highlightIds={summary?.highlightIds ?? []} />
      <SessionBar />
      {summary && <SinceVisit summary={summary} onDismiss={dismiss} />}
      {panel === "vote" && <VotePanel />}
      {panel === "comments" && <CommentsPanel selectedId={selectedId} />}
      <OfflineBanner />
      {askName && (
        <NameDialog
          initial={user}
          modal={false}
          title="Join this board"
          hint="Pick the name and colour others will see next to your cursor and your changes."
          onSave={(next) => {
            rememberNameChosen();
            onUserChange(next);
            setAskName(false);
          }}
        />
      )}
    </>
  );
}
