import * as Y from "yjs";
import type { StoredUpdate } from "../storage/types";

/** One logged update and the top-level entries (initiative, model, link, note ids) it touched. */
export interface TouchedUpdate {
  seq: number;
  author: string;
  createdAt: number;
  /** Keys of top-level map entries: item ids, or meta field names under the "meta" map. */
  itemIds: string[];
}

/** Where a struct lives: the top-level map and the key of the entry that contains it. */
interface Owner {
  root: string;
  key: string;
}

interface OwnedRange {
  clock: number;
  length: number;
  owner: Owner | null;
}

/**
 * Tells which board items each logged update touched by decoding it, without applying it to a
 * document (applying 100,000 updates one by one costs seconds; decoding costs a fraction).
 *
 * An item's owner is the top-level entry it belongs to. Decoded items name their parent only
 * when they have no neighbours; otherwise they share the parent of their origin. Parents and
 * origins created before the scanned range are looked up in `base`, the state at its start.
 */
export class TouchScanner {
  private readonly created = new Map<number, OwnedRange[]>();
  private readonly unsorted = new Set<number>();
  private readonly baseOwners = new Map<string, Owner | null>();

  constructor(private readonly base: Y.Doc) {}

  scan(update: StoredUpdate): TouchedUpdate {
    const touched = new Set<string>();
    const decoded = Y.decodeUpdate(update.data);
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const owner = this.ownerOfNewItem(struct);
      this.remember(struct.id.client, struct.id.clock, struct.length, owner);
      if (owner) touched.add(owner.key);
    }
    decoded.ds.clients.forEach((deletions, client) => {
      for (const deletion of deletions) {
        for (const owner of this.ownersInRange(client, deletion.clock, deletion.len)) touched.add(owner.key);
      }
    });
    return { seq: update.seq, author: update.author, createdAt: update.createdAt, itemIds: [...touched] };
  }

  private ownerOfNewItem(item: Y.Item): Owner | null {
    const parent = item.parent as unknown;
    if (typeof parent === "string") return item.parentSub === null ? null : { root: parent, key: item.parentSub };
    if (parent instanceof Y.ID) return this.ownerOf(parent);
    const neighbour = item.origin ?? item.rightOrigin;
    return neighbour ? this.ownerOf(neighbour) : null;
  }

  private remember(client: number, clock: number, length: number, owner: Owner | null): void {
    let ranges = this.created.get(client);
    if (!ranges) {
      ranges = [];
      this.created.set(client, ranges);
    }
    const last = ranges.at(-1);
    if (last && last.clock > clock) this.unsorted.add(client);
    ranges.push({ clock, length, owner });
  }

  /** A client's ranges sorted by clock (they almost always arrive in order already). */
  private rangesOf(client: number): OwnedRange[] {
    const ranges = this.created.get(client) ?? [];
    if (this.unsorted.delete(client)) ranges.sort((a, b) => a.clock - b.clock);
    return ranges;
  }

  /** Index of the last range starting at or before `clock`, or -1. */
  private static lastStartingAtOrBefore(ranges: readonly OwnedRange[], clock: number): number {
    let low = 0;
    let high = ranges.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((ranges[middle] as OwnedRange).clock <= clock) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  private ownerOf(id: Y.ID): Owner | null {
    const ranges = this.rangesOf(id.client);
    const index = TouchScanner.lastStartingAtOrBefore(ranges, id.clock);
    const range = ranges[index];
    if (range && id.clock < range.clock + range.length) return range.owner;
    return this.ownerInBase(id);
  }

  private ownerInBase(id: Y.ID): Owner | null {
    const cacheKey = `${id.client}:${id.clock}`;
    const cached = this.baseOwners.get(cacheKey);
    if (cached !== undefined) return cached;
    let owner: Owner | null = null;
    // Checked first because a failed lookup throws, and exceptions cost far more than the scan.
    if (id.clock < Y.getState(this.base.store, id.client)) {
      const struct = Y.getItem(this.base.store, id);
      owner = struct instanceof Y.Item ? topLevelOwner(struct) : null;
    }
    this.baseOwners.set(cacheKey, owner);
    return owner;
  }

  private ownersInRange(client: number, clock: number, length: number): Owner[] {
    const owners: Owner[] = [];
    const end = clock + length;
    const ranges = this.rangesOf(client);
    for (let index = Math.max(0, TouchScanner.lastStartingAtOrBefore(ranges, clock)); index < ranges.length; index++) {
      const range = ranges[index] as OwnedRange;
      if (range.clock >= end) break;
      if (range.owner && range.clock + range.length > clock) owners.push(range.owner);
    }
    const structs = this.base.store.clients.get(client);
    if (structs && clock < Y.getState(this.base.store, client)) {
      for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
        const struct = structs[index];
        if (!struct || struct.id.clock >= end) break;
        if (struct instanceof Y.Item) {
          const owner = topLevelOwner(struct);
          if (owner) owners.push(owner);
        }
      }
    }
    return owners;
  }
}

/** Walks up from an integrated item to the entry of a top-level map that holds it. */
function topLevelOwner(item: Y.Item): Owner | null {
  let current = item;
  for (;;) {
    const parent = current.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    const parentItem = parent._item;
    if (parentItem === null) {
      if (current.parentSub === null) return null;
      return { root: Y.findRootTypeKey(parent), key: current.parentSub };
    }
    current = parentItem;
  }
}

/** Who touched each item across a run of updates, in order of first appearance. */
export function authorsByItem(touches: readonly TouchedUpdate[]): Record<string, string[]> {
  const authors: Record<string, string[]> = {};
  for (const touch of touches) {
    for (const id of touch.itemIds) {
      const list = (authors[id] ??= []);
      if (!list.includes(touch.author)) list.push(touch.author);
    }
  }
  return authors;
}
