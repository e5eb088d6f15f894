/** Reading manifest values for migrations: JSON null is the same as absent to the API server. */
import type { KubeObject } from "../../manifests/resource.js";

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function asObject(value: unknown): KubeObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as KubeObject) : undefined;
}
