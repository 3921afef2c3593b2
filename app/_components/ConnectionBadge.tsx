import type { ConnectionStatus } from "../_lib/useCollaboration";

const LABELS: Record<ConnectionStatus, { text: string; dot: string }> = {
  connecting: { text: "Connecting", dot: "bg-amber-400 animate-pulse" },
  live: { text: "Live", dot: "bg-emerald-500" },
  offline: { text: "Offline", dot: "bg-slate-400" },
  closed: { text: "Disconnected", dot: "bg-rose-500" },
};

export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const label = LABELS[status];
  return (
    <span
      data-testid="connection-status"
      data-status={status}
      role="status"
      className="inline-flex items-center gap-1.5 rounded-full px-2 py-1 text-xs font-medium text-slate-600"
      title={status === "offline" ? "Edits are kept and sent when the connection is back" : undefined}
    >
      <span className={`h-2 w-2 rounded-full ${label.dot}`} aria-hidden />
      {label.text}
    </span>
  );
}
