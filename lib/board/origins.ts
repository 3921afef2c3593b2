/**
 * Every Yjs transaction on a board document carries one of these as its origin, so undo,
 * history and the server can tell who made a change without guessing.
 */
export type TransactionOrigin =
  | { kind: "local-user"; userName: string }
  | { kind: "remote"; connectionId?: string }
  | { kind: "restore"; versionId: string; userName: string }
  | { kind: "import"; source: "json" | "csv" | "template" }
  | { kind: "migration"; fromVersion: number; toVersion: number };

export type OriginKind = TransactionOrigin["kind"];

export function localUserOrigin(userName: string): TransactionOrigin {
  return { kind: "local-user", userName };
}

export function isOrigin(value: unknown): value is TransactionOrigin {
  return (
    typeof value === "object" &&
    value !== null &&
    "kind" in value &&
    typeof (value as { kind: unknown }).kind === "string"
  );
}
