/**
 * Browser-side memory of boards: the recent list on the landing page and the share links the
 * creator received (the only moment both tokens are known). Everything lives in localStorage,
 * so it stays on this device and never reaches the server.
 */

export interface RecentBoard {
  id: string;
  title: string;
  /** The link this browser opened the board with (it carries the token in the fragment). */
  url: string;
  role: "edit" | "view";
  openedAt: string;
}

export interface ShareLinks {
  editUrl?: string;
  viewUrl?: string;
}

const RECENT_KEY = "modelmap:recent";
const LINKS_KEY_PREFIX = "modelmap:links:";
const RECENT_LIMIT = 12;

function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the board still works, it is just not remembered.
  }
}

export function readRecentBoards(): RecentBoard[] {
  const list = readJson<unknown>(RECENT_KEY, []);
  return Array.isArray(list) ? (list as RecentBoard[]).filter((entry) => typeof entry?.id === "string") : [];
}

export function rememberBoard(entry: RecentBoard): void {
  const others = readRecentBoards().filter((board) => board.id !== entry.id);
  writeJson(RECENT_KEY, [entry, ...others].slice(0, RECENT_LIMIT));
}

export function forgetBoard(id: string): void {
  writeJson(
    RECENT_KEY,
    readRecentBoards().filter((board) => board.id !== id),
  );
}

export function readShareLinks(boardId: string): ShareLinks {
  return readJson<ShareLinks>(LINKS_KEY_PREFIX + boardId, {});
}

export function saveShareLinks(boardId: string, links: ShareLinks): void {
  writeJson(LINKS_KEY_PREFIX + boardId, { ...readShareLinks(boardId), ...links });
}

/** The capability token of the current page: `#token=…` first (never sent to servers), then `?token=`. */
export function tokenFromLocation(location: Location): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  return fragment.get("token") ?? new URLSearchParams(location.search).get("token");
}
