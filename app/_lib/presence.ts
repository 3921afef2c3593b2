import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { boardMaps } from "@/lib/board/schema";

/**
 * What a peer is dragging: the node under the pointer at its corner now, and (for a frame) the
 * ids that move with it, so other screens move them live too instead of only on release.
 */
export interface DragState {
  id: string;
  x: number;
  y: number;
  carried?: string[];
}

/**
 * At most this many ids ride along in one drag. Awareness resends the whole state at up to 20
 * updates a second and the server caps a state at 64 KiB (SPEC S8); beyond this, the rest of a
 * frame's contents moves for others when the drag ends, as every item did before.
 */
export const MAX_CARRIED_IDS = 100;

/** The awareness contract: who a peer is, where their pointer is, what they hold. */
export interface PeerState {
  clientId: number;
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
  selection: string[];
  drag: Required<DragState> | null;
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
  const drag = state.drag as { id?: unknown; carried?: unknown } | null | undefined;
  return {
    clientId,
    name: user.name.slice(0, 60),
    color: typeof user.color === "string" ? user.color : "#64748b",
    cursor: isPoint(state.cursor) ? { x: state.cursor.x, y: state.cursor.y } : null,
    selection: Array.isArray(state.selection) ? state.selection.filter((id): id is string => typeof id === "string") : [],
    drag: isPoint(drag) && typeof drag.id === "string" ? { id: drag.id, x: drag.x, y: drag.y, carried: carriedIds(drag.carried) } : null,
  };
}

function carriedIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, MAX_CARRIED_IDS).filter((id): id is string => typeof id === "string");
}

/** Where the document has an item's corner (what peers' drag offsets are measured from). */
export type StoredCorner = (id: string) => DragPosition | undefined;

export function storedCornerIn(doc: Y.Doc): StoredCorner {
  const { initiatives, notes } = boardMaps(doc);
  return (id) => {
    const map = initiatives.get(id) ?? notes.get(id);
    const x = map?.get("x");
    const y = map?.get("y");
    return typeof x === "number" && typeof y === "number" ? { x, y } : undefined;
  };
}

/**
 * The corners peers' drags put items at. A carried item keeps its offset from the dragged one,
 * measured against the document: while the drag runs both are at their old places there, and
 * once the drop is stored both are at their new ones, so a carried item never moves twice.
 */
export function dragPositionsOf(drags: readonly Required<DragState>[], stored: StoredCorner): Map<string, DragPosition> {
  const positions = new Map<string, DragPosition>();
  for (const drag of drags) positions.set(drag.id, { x: drag.x, y: drag.y });
  for (const drag of drags) {
    if (drag.carried.length === 0) continue;
    const from = stored(drag.id);
    if (!from) continue;
    const dx = drag.x - from.x;
    const dy = drag.y - from.y;
    for (const id of drag.carried) {
      const corner = positions.has(id) ? undefined : stored(id);
      if (corner) positions.set(id, { x: corner.x + dx, y: corner.y + dy });
    }
  }
  return positions;
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

  constructor(
    private readonly awareness: Awareness,
    private readonly storedCorner: StoredCorner = () => undefined,
  ) {
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

  /** Every item some peer has selected, with its selection key (see selectionKey). */
  selections(): ReadonlyMap<string, string> {
    return this.selectionKeys;
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
    for (const peer of peers) {
      for (const id of peer.selection) {
        const entry = `${peer.color}:${peer.name}`;
        const existing = selections.get(id);
        selections.set(id, existing ? `${existing}|${entry}` : entry);
      }
    }
    this.peers = peers;
    this.selectionKeys = selections;
    this.drags = dragPositionsOf(
      peers.flatMap((peer) => (peer.drag ? [peer.drag] : [])),
      this.storedCorner,
    );
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
