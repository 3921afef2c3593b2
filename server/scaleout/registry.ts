import { RoomRegistry, type RoomRegistryOptions } from "../collab/registry";
import type { Room } from "../collab/room";
import type { Role } from "../storage/types";

/** What the registry tells scale-out: which rooms it holds, and which roles it closed. */
export interface RoomEvents {
  roomInUse(room: Room): void;
  rolesClosed(boardId: string, role: Role): void;
}

/**
 * The room registry of an instance that shares rooms with others: every room handed out is
 * followed on its board stream, and a token rotation here closes that role everywhere.
 */
export class ScaleOutRoomRegistry extends RoomRegistry {
  constructor(
    options: RoomRegistryOptions,
    private readonly events: RoomEvents,
  ) {
    super(options);
  }

  override async get(boardId: string): Promise<Room> {
    const room = await super.get(boardId);
    this.events.roomInUse(room);
    return room;
  }

  override closeConnectionsOfRole(boardId: string, role: Role): number {
    this.events.rolesClosed(boardId, role);
    return super.closeConnectionsOfRole(boardId, role);
  }

  /** Another instance rotated the token: close this instance's connections of that role only. */
  closeLocalConnectionsOfRole(boardId: string, role: Role): number {
    return super.closeConnectionsOfRole(boardId, role);
  }
}
