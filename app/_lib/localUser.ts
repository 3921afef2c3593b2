import type { TransactionOrigin } from "@/lib/board/origins";

/** Who this browser is in presence and history. Chosen once, kept in localStorage. */
export interface LocalUser {
  name: string;
  color: string;
}

const USER_KEY = "modelmap:user";

/** Distinct, readable on white, and not the model colours' exact hues. */
const PRESENCE_COLORS = ["#e11d48", "#7c3aed", "#0284c7", "#059669", "#d97706", "#c026d3", "#2563eb", "#0f766e"];
const ANIMALS = ["Heron", "Otter", "Lynx", "Falcon", "Badger", "Marten", "Ibex", "Puffin", "Fox", "Wren"];

function pick<T>(values: readonly T[]): T {
  const index = Math.floor(Math.random() * values.length);
  return values[index] as T;
}

export function loadLocalUser(): LocalUser {
  try {
    const raw = window.localStorage.getItem(USER_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<LocalUser>) : {};
    if (typeof parsed.name === "string" && parsed.name && typeof parsed.color === "string") {
      return { name: parsed.name, color: parsed.color };
    }
  } catch {
    // Unreadable storage: fall through to a fresh identity.
  }
  const user = { name: `Guest ${pick(ANIMALS)}`, color: pick(PRESENCE_COLORS) };
  saveLocalUser(user);
  return user;
}

export function saveLocalUser(user: LocalUser): void {
  try {
    window.localStorage.setItem(USER_KEY, JSON.stringify(user));
  } catch {
    // Not remembered across visits; the session still uses it.
  }
}

/**
 * The origin of every edit this tab makes. One object per session: the undo manager tracks it
 * by identity, so only this user's own changes are undoable here.
 */
export function createLocalOrigin(userName: string): TransactionOrigin {
  return { kind: "local-user", userName };
}
