import type { Logger } from "pino";
import type { StoredUpdateEvent } from "../collab/room";
import type { HistoryService } from "./service";

export interface RecorderTiming {
  /** A board with edits and no update for this long gets an automatic version. */
  quietMs: number;
  /** While a board keeps being edited, an automatic version at least this often. */
  maxIntervalMs: number;
}

export const DEFAULT_RECORDER_TIMING: RecorderTiming = { quietMs: 2 * 60_000, maxIntervalMs: 60 * 60_000 };

interface BoardActivity {
  /** When the first update since the last version was stored. */
  dirtySince: number;
  authors: Set<string>;
  quietTimer: NodeJS.Timeout | null;
}

/**
 * Writes automatic versions (each with its own checkpoint): when a board quiets down after
 * edits, and at least every `maxIntervalMs` while edits keep coming. It plugs into the Room's
 * `afterStore` hook, which runs before relaying, so it only notes the update and returns.
 */
export class HistoryRecorder {
  private readonly boards = new Map<string, BoardActivity>();

  constructor(
    private readonly history: HistoryService,
    private readonly logger: Logger,
    private readonly timing: RecorderTiming = DEFAULT_RECORDER_TIMING,
  ) {}

  /** Room hook: called once per durably stored update. */
  readonly afterStore = (event: StoredUpdateEvent): void => {
    const boardId = event.room.boardId;
    let activity = this.boards.get(boardId);
    if (!activity) {
      activity = { dirtySince: Date.now(), authors: new Set(), quietTimer: null };
      this.boards.set(boardId, activity);
    }
    activity.authors.add(event.author);
    if (activity.quietTimer) clearTimeout(activity.quietTimer);
    activity.quietTimer = setTimeout(() => this.save(boardId, "Auto-saved after edits"), this.timing.quietMs);
    activity.quietTimer.unref();
    if (Date.now() - activity.dirtySince >= this.timing.maxIntervalMs) this.save(boardId, "Auto-saved during editing");
  };

  private save(boardId: string, label: string): void {
    const activity = this.boards.get(boardId);
    if (!activity) return;
    if (activity.quietTimer) clearTimeout(activity.quietTimer);
    this.boards.delete(boardId);
    const createdBy = [...activity.authors].join(", ");
    // A failure (storage closing at shutdown) costs one automatic version; the log keeps all.
    this.history
      .createVersion(boardId, label, "auto", createdBy)
      .catch((error: unknown) => this.logger.warn({ boardId, err: error }, "automatic version failed"));
  }
}
