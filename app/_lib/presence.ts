import type { Awareness } from "y-protocols/awareness";

/** The awareness contract: who a peer is, where their pointer is, what they hold. */
export interface PeerState {
  clientId: number;
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
  selection: string[];
  drag: { id: string; x: number; y: number } | null;
}

export interface DragPosition {
  x: number;
  y: number;
}

function isPoint(value: unknown): value is { x: number; y: number } {
  return (
    typeof value === "object" &&
    value !== null &&
    Number.isFinite((value as { x: unknown }).x) &&
    Number.isFinite((value as { y: unknown }).y)
  );
}

function readPeer(clientId: number, state: Record<string, unknown>): PeerState | null {
  const user = state.user as { name?: unknown; color?: unknown } | undefined;
  if (!user || typeof user.name !== "string") return null;
  const drag = state.drag as { id?: unknown } | null | undefined;
  return {
    clientId,
    name: user.name.slice(0, 60),
    color: typeof user.color === "string" ? user.color : "#64748b",
    cursor: isPoint(state.cursor) ? { x: state.cursor.x, y: state.cursor.y } : null,
    selection: Array.isArray(state.selection) ? state.selection.filter((id): id is string => typeof id === "string") : [],
    drag: isPoint(drag) && typeof drag.id === "string" ? { id: drag.id, x: drag.x, y: drag.y } : null,
  };
}

/**
 * Peers' awareness as snapshots React can subscribe to. Per-item lookups return primitives or
 * stable objects, so a cursor moving re-renders only the cursor layer, never every card.
 */
export class PresenceStore {
  private peers: PeerState[] = [];
  private selectionKeys = new Map<string, string>();
  private drags = new Map<string, DragPosition>();
  private listeners = new Set<() => void>();

  constructor(private readonly awareness: Awareness) {
    this.refresh();
  }

  /**
   * Listens to awareness only while someone subscribes, so React's mount/unmount/remount
   * cycles (Strict Mode, fast refresh) can never leave the store detached.
   */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      this.awareness.on("change", this.refresh);
      this.refresh();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.awareness.off("change", this.refresh);
    };
  };

  getPeers = (): PeerState[] => this.peers;

  /** "color:name|color:name" of the peers who selected this item, "" when none. */
  selectionKey(id: string): string {
    return this.selectionKeys.get(id) ?? "";
  }

  dragPositions(): ReadonlyMap<string, DragPosition> {
    return this.drags;
  }

  private refresh = (): void => {
    const peers: PeerState[] = [];
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.awareness.clientID) return;
      const peer = readPeer(clientId, state);
      if (peer) peers.push(peer);
    });
    const selections = new Map<string, string>();
    const drags = new Map<string, DragPosition>();
    for (const peer of peers) {
      for (const id of peer.selection) {
        const entry = `${peer.color}:${peer.name}`;
        const existing = selections.get(id);
        selections.set(id, existing ? `${existing}|${entry}` : entry);
      }
      if (peer.drag) drags.set(peer.drag.id, { x: peer.drag.x, y: peer.drag.y });
    }
    this.peers = peers;
    this.selectionKeys = selections;
    this.drags = drags;
    for (const listener of this.listeners) listener();
  };
}

/** Parses a selection key back into the peers it names. */
export function parseSelectionKey(key: string): { color: string; name: string }[] {
  if (!key) return [];
  return key.split("|").map((entry) => {
    const separator = entry.indexOf(":");
    return { color: entry.slice(0, separator), name: entry.slice(separator + 1) };
  });
}
