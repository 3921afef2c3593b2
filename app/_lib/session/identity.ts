"use client";

/** Per-browser facts the session needs beyond the name and colour in localUser.ts. */

const VOTER_KEY = "modelmap:voter-id";
const NAME_CHOSEN_KEY = "modelmap:name-chosen";

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage refused: this session still works, it is just not remembered.
  }
}

/** A stable random id that counts one person's dots across reloads (never shown). */
export function loadVoterId(): string {
  const existing = read(VOTER_KEY);
  if (existing) return existing;
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  const id = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  write(VOTER_KEY, id);
  return id;
}

export function hasChosenName(): boolean {
  return read(NAME_CHOSEN_KEY) === "1";
}

export function rememberNameChosen(): void {
  write(NAME_CHOSEN_KEY, "1");
}
