// The history indexing worker's entry point (see indexingWorker.ts). Worker threads get no
// TypeScript loader of their own under every runner (vitest, plain node), so this registers
// tsx's, then loads the worker's program.
import { register } from "tsx/esm/api";

register();
await import("./indexingWorkerMain.ts");
