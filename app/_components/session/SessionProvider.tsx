"use client";

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import type { TransactionOrigin } from "@/lib/board/origins";
import type { LocalUser } from "../../_lib/localUser";
import { SessionContext, type CommentTarget, type SessionEnvironment, type SessionPanel } from "../../_lib/session/context";
import { loadVoterId } from "../../_lib/session/identity";
import { useSessionPeers, type SessionPeer } from "../../_lib/session/peers";
import { useFollow, type FollowState } from "../../_lib/session/useFollow";
import { usePublishTyping, usePublishViewport } from "../../_lib/session/usePublishers";
import type { ConnectionStatus } from "../../_lib/useCollaboration";

interface SessionProviderProps {
  boardId: string;
  token: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  origin: TransactionOrigin;
  readOnly: boolean;
  user: LocalUser;
  status: ConnectionStatus;
  onUserChange: (user: LocalUser) => void;
  children: ReactNode;
}

interface PeopleContextValue extends FollowState {
  peers: SessionPeer[];
  user: LocalUser;
  onUserChange: (user: LocalUser) => void;
}

const PeopleContext = createContext<PeopleContextValue | null>(null);

export function usePeople(): PeopleContextValue {
  const people = useContext(PeopleContext);
  if (!people) throw new Error("usePeople outside the session provider");
  return people;
}

/** Session state for the board page: who is here, who follows whom, which panel is open. */
export function SessionProvider(props: SessionProviderProps) {
  const { boardId, token, doc, provider, origin, readOnly, user, status, onUserChange, children } = props;
  const awareness = provider.awareness;
  const [voterId] = useState(loadVoterId);
  const [panel, setPanel] = useState<SessionPanel>(null);
  const [commentTarget, setCommentTarget] = useState<CommentTarget | null>(null);
  const [voting, setVoting] = useState(true);
  const [placingPin, setPlacingPin] = useState(false);
  const peers = useSessionPeers(awareness);
  const followState = useFollow(awareness, peers);
  usePublishViewport(awareness);
  usePublishTyping(awareness);

  useEffect(() => {
    if (readOnly) return;
    // Each session starts with no stale facilitation fields from a bfcache-restored page.
    awareness.setLocalStateField("gather", null);
  }, [awareness, readOnly]);

  const environment = useMemo<SessionEnvironment>(
    () => ({
      boardId,
      token,
      doc,
      provider,
      origin,
      readOnly,
      user,
      voter: { id: voterId, name: user.name },
      status,
      panel,
      setPanel,
      commentTarget,
      setCommentTarget,
      voting,
      setVoting,
      placingPin,
      setPlacingPin,
    }),
    [boardId, token, doc, provider, origin, readOnly, user, voterId, status, panel, commentTarget, voting, placingPin],
  );
  const people = useMemo<PeopleContextValue>(() => ({ ...followState, peers, user, onUserChange }), [followState, peers, user, onUserChange]);

  return (
    <SessionContext.Provider value={environment}>
      <PeopleContext.Provider value={people}>{children}</PeopleContext.Provider>
    </SessionContext.Provider>
  );
}
