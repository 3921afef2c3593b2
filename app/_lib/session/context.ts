"use client";

import { createContext, useContext } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import type { TransactionOrigin } from "@/lib/board/origins";
import type { Voter } from "@/lib/session/votes";
import type { LocalUser } from "../localUser";
import type { ConnectionStatus } from "../useCollaboration";

export type SessionPanel = "vote" | "comments" | null;

/** What the session features share: the board's doc and socket, who this is, and the UI mode. */
export interface SessionEnvironment {
  boardId: string;
  token: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  origin: TransactionOrigin;
  readOnly: boolean;
  user: LocalUser;
  voter: Voter;
  status: ConnectionStatus;
  panel: SessionPanel;
  setPanel: (panel: SessionPanel) => void;
  /** The card or canvas thread the comments panel is focused on. */
  commentTarget: CommentTarget | null;
  setCommentTarget: (target: CommentTarget | null) => void;
  /** Voting clicks are on (cards take dots instead of being selected). */
  voting: boolean;
  setVoting: (voting: boolean) => void;
  /** Next click on the empty canvas drops a comment pin. */
  placingPin: boolean;
  setPlacingPin: (placing: boolean) => void;
}

export type CommentTarget = { kind: "initiative"; id: string } | { kind: "thread"; id: string } | { kind: "spot"; x: number; y: number };

export const SessionContext = createContext<SessionEnvironment | null>(null);

export function useSession(): SessionEnvironment {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside the session layer");
  return session;
}
