"use client";

import { useState } from "react";
import { createLocalOrigin, loadLocalUser } from "../_lib/localUser";
import { useBoardAccess, type BoardInfo } from "../_lib/useBoardAccess";
import { useCollaboration } from "../_lib/useCollaboration";
import { BoardError } from "./BoardError";
import { BoardWorkspace } from "./BoardWorkspace";

function Loading({ label }: { label: string }) {
  return (
    <main className="flex h-full items-center justify-center" aria-busy="true">
      <p className="flex items-center gap-2 text-sm text-slate-500">
        <span className="h-2 w-2 animate-pulse rounded-full bg-indigo-500" aria-hidden />
        {label}
      </p>
    </main>
  );
}

/** The board page: check the link's access, then connect and show the board. */
export function BoardScreen({ boardId }: { boardId: string }) {
  const access = useBoardAccess(boardId);
  if (access.phase === "loading") return <Loading label="Opening board…" />;
  if (access.phase === "denied") return <BoardError status={access.status} message={access.message} />;
  return <ConnectedBoard info={access.info} token={access.token} />;
}

function ConnectedBoard({ info, token }: { info: BoardInfo; token: string }) {
  const [user] = useState(loadLocalUser);
  const [origin] = useState(() => createLocalOrigin(user.name));
  const { collaboration, status, localCopyLoaded } = useCollaboration(info.id, token, info.role === "edit");
  if (!collaboration) return <Loading label="Connecting…" />;
  return (
    <BoardWorkspace
      key={collaboration.doc.guid}
      info={info}
      token={token}
      doc={collaboration.doc}
      provider={collaboration.provider}
      status={status}
      localCopyLoaded={localCopyLoaded}
      user={user}
      origin={origin}
    />
  );
}
