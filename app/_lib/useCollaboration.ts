"use client";

import { useEffect, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { attachReconnect } from "./session/reconnect";

export type ConnectionStatus = "connecting" | "live" | "offline" | "closed";

export interface Collaboration {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function collabBaseUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}/collab`;
}

/**
 * One Y.Doc and its websocket provider for the lifetime of the board page. Editors also keep
 * the document in IndexedDB, so edits made offline survive a closed tab and merge on the next
 * visit. "live" means
 * connected and synced; "closed" means the server ended the session for good (for example a
 * rotated token), so the page stops retrying.
 */
export function useCollaboration(boardId: string, token: string, keepOfflineCopy: boolean) {
  const [collaboration, setCollaboration] = useState<Collaboration | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [localCopyLoaded, setLocalCopyLoaded] = useState(false);

  useEffect(() => {
    const doc = new Y.Doc();
    const offlineCopy = keepOfflineCopy ? new IndexeddbPersistence(`modelmap:${boardId}`, doc) : null;
    let destroyed = false;
    void offlineCopy?.whenSynced.then(() => {
      if (!destroyed) setLocalCopyLoaded(true);
    });
    // Opened without a network (a reload while offline): say so at once rather than "connecting".
    if (!navigator.onLine) setStatus("offline");
    // Cross-tab BroadcastChannel would let a view tab's local state reach an edit tab's socket.
    const provider = new WebsocketProvider(collabBaseUrl(), boardId, doc, { params: { token }, disableBc: true });
    const reconnect = attachReconnect(provider);
    const refresh = () => {
      if (provider.wsconnected && provider.synced) setStatus("live");
    };
    const onStatus = ({ status: next }: { status: "connected" | "disconnected" | "connecting" }) => {
      // Once a session was lost it reads "offline" until it is live again, without flicker.
      if (next === "connecting") setStatus((current) => (current === "connecting" ? "connecting" : current === "closed" ? "closed" : "offline"));
      else if (next === "disconnected") setStatus((current) => (current === "closed" ? "closed" : "offline"));
      else refresh();
    };
    const onClosed = () => setStatus("closed");
    provider.on("status", onStatus);
    provider.on("sync", refresh);
    provider.on("closed", onClosed);
    setCollaboration({ doc, provider });
    return () => {
      destroyed = true;
      provider.off("status", onStatus);
      provider.off("sync", refresh);
      provider.off("closed", onClosed);
      reconnect.destroy();
      provider.destroy();
      void offlineCopy?.destroy();
      doc.destroy();
      setCollaboration(null);
      setStatus("connecting");
      setLocalCopyLoaded(false);
    };
  }, [boardId, token, keepOfflineCopy]);

  /** localCopyLoaded: the IndexedDB copy is in the document (editors only). */
  return { collaboration, status, localCopyLoaded };
}
