/**
 * The table of live sources. A new one (an Argo CD application's live state, a Flux inventory) is
 * one file exporting a LiveSourceDriver, its variant in LiveSource (../types.ts), and a line here.
 * A driver that needs a heavy client imports it inside `read`, as cluster.ts does, so that no other
 * command pays for it.
 */

import type { LiveReadOptions, LiveSource, LiveState, Reachability, WantedKinds } from "../types.js";
import { contextSource } from "./context.js";
import { inClusterSource } from "./in-cluster.js";
import { snapshotSource } from "./snapshot.js";
import type { LiveSourceEntry } from "./types.js";

export { defineSource, type LiveSourceDriver, type LiveSourceEntry } from "./types.js";

export const LIVE_SOURCES: readonly LiveSourceEntry[] = [snapshotSource, contextSource, inClusterSource];

/** The driver that reads `source`. Every LiveSource has one: the table test checks each variant. */
export function driverFor(source: LiveSource): LiveSourceEntry {
  const driver = LIVE_SOURCES.find((candidate) => candidate.accepts(source));
  if (!driver) throw new TypeError(`no live source reads ${JSON.stringify(source.type)}`);
  return driver;
}

export function readFromSource(source: LiveSource, wanted: WantedKinds, options: LiveReadOptions = {}): Promise<LiveState> {
  return driverFor(source).read(source, wanted, options);
}

export function sourceReachable(source: LiveSource, options: LiveReadOptions = {}): Promise<Reachability> {
  return driverFor(source).reachable(source, options);
}
