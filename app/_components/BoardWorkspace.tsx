"use client";

import { ReactFlowProvider, useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { assignModel, createInitiative } from "@/lib/board/mutations";
import type { TransactionOrigin } from "@/lib/board/origins";
import { CARD_HEIGHT, CARD_WIDTH, freeSpot, type Rect } from "@/lib/board/geometry";
import { boardMaps } from "@/lib/board/schema";
import { BoardSessionContext, type BoardSession } from "../_lib/boardContext";
import { rememberBoard } from "../_lib/boardLinks";
import { LinkEditorContext, type LinkEditor } from "../_lib/linkEditor";
import { saveLocalUser, type LocalUser } from "../_lib/localUser";
import { PresenceStore, storedCornerIn } from "../_lib/presence";
import type { BoardInfo } from "../_lib/useBoardAccess";
import type { ConnectionStatus } from "../_lib/useCollaboration";
import { useMetaTitle } from "../_lib/useMetaTitle";
import { useModels } from "../_lib/useModels";
import { useUndoShortcuts } from "../_lib/useUndoShortcuts";
import { BoardCanvas } from "./BoardCanvas";
import { Inspector } from "./Inspector";
import { LinkInspector } from "./LinkInspector";
import { useWorkshopItems } from "../_lib/useWorkshopItems";
import { HistoryDock } from "./history/HistoryDock";
import { RationaleDialog } from "./RationaleDialog";
import { TopBar } from "./TopBar";
import { SessionAvatars } from "./session/SessionAvatars";
import { SessionLayer } from "./session/SessionLayer";
import { SessionProvider } from "./session/SessionProvider";
import { BoardViewProvider } from "./views/BoardViewProvider";
import { ViewBar } from "./views/ViewBar";
import { ViewDock } from "./views/ViewDock";
import { ViewLayer } from "./views/ViewLayer";

interface BoardWorkspaceProps {
  info: BoardInfo;
  token: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: ConnectionStatus;
  /** The editor's IndexedDB copy is loaded: offline, that is the board to frame. */
  localCopyLoaded: boolean;
  user: LocalUser;
  origin: TransactionOrigin;
}

export function BoardWorkspace(props: BoardWorkspaceProps) {
  return (
    <ReactFlowProvider>
      <Workspace {...props} />
    </ReactFlowProvider>
  );
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function Workspace({ info, token, doc, provider, status, localCopyLoaded, user: initialUser, origin }: BoardWorkspaceProps) {
  const readOnly = info.role !== "edit";
  const [user, setUser] = useState(initialUser);
  const presence = useMemo(() => new PresenceStore(provider.awareness, storedCornerIn(doc)), [provider, doc]);
  const models = useModels(doc);
  const title = useMetaTitle(doc, info.title);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [selectedLinkIds, setSelectedLinkIds] = useState<string[]>([]);
  const [focusLabelRequest, setFocusLabelRequest] = useState(0);
  const [editingTitleId, setEditingTitleId] = useState<string | null>(null);
  const [modelChange, setModelChange] = useState<{ initiativeId: string; modelId: string | null } | null>(null);
  const { screenToFlowPosition } = useReactFlow();
  const store = useStoreApi();
  useUndoShortcuts(doc, origin, readOnly);

  useEffect(() => {
    provider.awareness.setLocalStateField("user", { name: user.name, color: user.color });
  }, [provider, user]);
  useEffect(() => {
    rememberBoard({ id: info.id, title, url: window.location.href, role: info.role, openedAt: new Date().toISOString() });
  }, [info.id, info.role, title]);

  const selectNode = useCallback(
    (id: string) => {
      // The node reaches React Flow's store on the next render; select it once it is there.
      requestAnimationFrame(() => {
        const state = store.getState();
        state.resetSelectedElements();
        state.addSelectedNodes([id]);
      });
    },
    [store],
  );

  const createInitiativeAt = useCallback(
    (position: { x: number; y: number }) => {
      if (readOnly) return;
      // Next to what is there rather than on top of it; frames may hold it.
      const taken: Rect[] = [];
      for (const node of store.getState().nodeLookup.values()) {
        if (node.type === "frame") continue;
        const { x, y } = node.internals.positionAbsolute;
        taken.push({ x, y, width: node.measured.width ?? CARD_WIDTH, height: node.measured.height ?? CARD_HEIGHT });
      }
      const spot = freeSpot(taken, { x: position.x - CARD_WIDTH / 2, y: position.y - CARD_HEIGHT / 2 });
      const id = createInitiative(doc, { ...spot, title: "" }, origin);
      setEditingTitleId(id);
      selectNode(id);
    },
    [doc, origin, readOnly, selectNode, store],
  );

  const viewportCenter = useCallback(() => {
    const canvas = document.querySelector('[data-testid="board-canvas"]')?.getBoundingClientRect();
    if (!canvas) return { x: 0, y: 0 };
    return screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 });
  }, [screenToFlowPosition]);


  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (readOnly || isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "n" || event.key === "N") {
        event.preventDefault();
        createInitiativeAt(viewportCenter());
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [createInitiativeAt, readOnly, viewportCenter]);

  const { addNote, addText, addFrame } = useWorkshopItems({ doc, origin, readOnly, selectedIds, viewportCenter, setEditingTitleId });

  const onSelectionChange = useCallback((nodeIds: string[], linkIds: string[]) => {
    setSelectedIds(nodeIds);
    setSelectedLinkIds(linkIds);
  }, []);

  const linkEditor = useMemo<LinkEditor>(
    () => ({
      openLink: (linkId, focusLabel) => {
        const state = store.getState();
        state.resetSelectedElements();
        state.addSelectedEdges([linkId]);
        if (focusLabel) setFocusLabelRequest((request) => request + 1);
      },
    }),
    [store],
  );

  const changeUser = useCallback(
    (next: LocalUser) => {
      saveLocalUser(next);
      // The origin object stays the same (undo tracks it by identity); only the name it carries changes.
      if (origin.kind === "local-user") origin.userName = next.name;
      setUser(next);
    },
    [origin],
  );

  const session = useMemo<BoardSession>(
    () => ({
      doc,
      origin,
      readOnly,
      models,
      presence,
      requestModelChange: (initiativeId, modelId) => {
        if (!readOnly) setModelChange({ initiativeId, modelId });
      },
      editingTitleId,
      setEditingTitleId,
    }),
    [doc, origin, readOnly, models, presence, editingTitleId],
  );

  const inspected = selectedIds.length === 1 && selectedIds[0] && boardMaps(doc).initiatives.has(selectedIds[0]) ? selectedIds[0] : null;
  const inspectedLink = selectedIds.length === 0 && selectedLinkIds.length === 1 ? (selectedLinkIds[0] ?? null) : null;
  const changingTitle = modelChange ? String(boardMaps(doc).initiatives.get(modelChange.initiativeId)?.get("title") ?? "") : "";
  const changingModelName = modelChange?.modelId ? (models.get(modelChange.modelId)?.name ?? "this model") : "no model";

  return (
    <BoardSessionContext.Provider value={session}>
      <LinkEditorContext.Provider value={linkEditor}>
      <SessionProvider boardId={info.id} token={token} doc={doc} provider={provider} origin={origin} readOnly={readOnly} user={user} status={status} onUserChange={changeUser}>
      <BoardViewProvider doc={doc}>
      <div className="flex h-full flex-col" data-testid="board" data-role={info.role}>
        <TopBar
          boardId={info.id}
          title={title}
          role={info.role}
          token={token}
          status={status}
          onAddInitiative={() => createInitiativeAt(viewportCenter())}
          onAddNote={addNote}
          onAddText={addText}
          onAddFrame={addFrame}
          presence={<SessionAvatars />}
        />
        <ViewBar />
        <div className="relative flex min-h-0 flex-1">
          <ViewDock />
          <div className="relative min-w-0 flex-1">
            <BoardCanvas provider={provider} synced={status === "live" || (status === "offline" && localCopyLoaded)} onSelectionChange={onSelectionChange} onCreateAt={createInitiativeAt} />
            <SessionLayer presence={presence} />
            <ViewLayer />
            <HistoryDock boardId={info.id} token={token} role={info.role} userName={user.name} />
            {readOnly && (
              <p className="pointer-events-none absolute bottom-4 left-1/2 -translate-x-1/2 rounded-full bg-slate-900/80 px-3 py-1.5 text-xs font-medium text-white">
                View only: changes by editors appear here live
              </p>
            )}
          </div>
          {inspected && <Inspector key={inspected} boardId={info.id} token={token} initiativeId={inspected} onClose={() => store.getState().resetSelectedElements()} />}
          {inspectedLink && (
            <LinkInspector
              key={inspectedLink}
              linkId={inspectedLink}
              focusLabelRequest={focusLabelRequest}
              onClose={() => {
                store.getState().resetSelectedElements();
                document.querySelector<HTMLElement>(`.react-flow__edge[data-id="${CSS.escape(inspectedLink)}"]`)?.focus();
              }}
            />
          )}
        </div>
      </div>
      {modelChange && (
        <RationaleDialog
          initiativeTitle={changingTitle}
          modelName={changingModelName}
          onCancel={() => setModelChange(null)}
          onConfirm={(rationale) => {
            assignModel(doc, modelChange.initiativeId, modelChange.modelId, rationale, origin);
            setModelChange(null);
          }}
        />
      )}
      </BoardViewProvider>
      </SessionProvider>
      </LinkEditorContext.Provider>
    </BoardSessionContext.Provider>
  );
}
