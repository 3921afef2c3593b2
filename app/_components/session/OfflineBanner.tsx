"use client";

import { useEffect, useState } from "react";
import { useSession } from "../../_lib/session/context";

function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const refresh = () => setOnline(navigator.onLine);
    refresh();
    window.addEventListener("online", refresh);
    window.addEventListener("offline", refresh);
    return () => {
      window.removeEventListener("online", refresh);
      window.removeEventListener("offline", refresh);
    };
  }, []);
  return online;
}

/** Says plainly that the board is working from this device and will catch up later. */
export function OfflineBanner() {
  const { status, readOnly } = useSession();
  const online = useBrowserOnline();
  const offline = !online || status === "offline";
  if (!offline || status === "closed") return null;
  return (
    <div
      data-testid="offline-banner"
      role="status"
      className="pointer-events-none absolute bottom-14 left-1/2 z-20 flex -translate-x-1/2 items-center gap-2 rounded-full bg-amber-100 px-4 py-2 text-xs font-medium text-amber-900 shadow-md ring-1 ring-amber-300"
    >
      <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden>
        <path d="M1 5.5a10 10 0 0 1 14 0M3.5 8.5a6.5 6.5 0 0 1 9 0M6 11.5a3 3 0 0 1 4 0M2 2l12 12" stroke="currentColor" strokeWidth="1.5" fill="none" strokeLinecap="round" />
      </svg>
      {online ? "Reconnecting…" : "You are offline."}{" "}
      {readOnly ? "Showing the last copy saved on this device." : "Your edits are saved on this device and sync when the connection is back."}
    </div>
  );
}
