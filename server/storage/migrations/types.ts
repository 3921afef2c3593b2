/** One step of a backend's schema history. Versions start at 1 and never change once released. */
export interface Migration {
  version: number;
  name: string;
  /** Statements run in order inside the migration transaction. */
  statements: readonly string[];
}
