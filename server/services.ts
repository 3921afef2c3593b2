import type { Config } from "./config";
import type { RoomRegistry } from "./collab/registry";
import type { Storage } from "./storage/types";

/**
 * Pages rendered by Next run in a separate module graph from the custom server. The one
 * storage and room registry of this process are handed to them here, never created twice.
 */
export interface ServerServices {
  config: Config;
  storage: Storage;
  registry: RoomRegistry;
}

const KEY = Symbol.for("modelmap.services");

type WithServices = typeof globalThis & { [KEY]?: ServerServices };

export function setServices(services: ServerServices | undefined): void {
  (globalThis as WithServices)[KEY] = services;
}

export function getServices(): ServerServices {
  const services = (globalThis as WithServices)[KEY];
  if (!services) throw new Error("Modelmap services are not available: pages must run inside the Modelmap server");
  return services;
}
