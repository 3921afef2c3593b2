"use client";

import { useEffect, useState } from "react";
import { tokenFromLocation } from "./boardLinks";

export interface BoardInfo {
  id: string;
  title: string;
  role: "edit" | "view";
  createdAt: string;
  updatedAt: string;
}

export type BoardAccess =
  | { phase: "loading" }
  | { phase: "denied"; status: number; code: string; message: string }
  | { phase: "ready"; info: BoardInfo; token: string };

interface ApiError {
  error?: { code?: string; message?: string };
}

/** Reads the capability token from the URL and asks the API what it grants on this board. */
export function useBoardAccess(boardId: string): BoardAccess {
  const [access, setAccess] = useState<BoardAccess>({ phase: "loading" });

  useEffect(() => {
    const token = tokenFromLocation(window.location);
    const controller = new AbortController();
    async function load() {
      if (!token) {
        setAccess({ phase: "denied", status: 401, code: "missing_token", message: "This link has no access token." });
        return;
      }
      try {
        const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, {
          headers: { authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
        if (!response.ok) {
          const body = (await response.json().catch(() => ({}))) as ApiError;
          setAccess({
            phase: "denied",
            status: response.status,
            code: body.error?.code ?? "error",
            message: body.error?.message ?? response.statusText,
          });
          return;
        }
        setAccess({ phase: "ready", info: (await response.json()) as BoardInfo, token });
      } catch (caught) {
        if (controller.signal.aborted) return;
        const message = caught instanceof Error ? caught.message : "Network error";
        setAccess({ phase: "denied", status: 0, code: "network", message });
      }
    }
    void load();
    return () => controller.abort();
  }, [boardId]);

  return access;
}
