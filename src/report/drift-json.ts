/**
 * The documented JSON shape of `plumbline drift --format json`, key for key:
 * {"version":1,"resources":[{apiVersion, kind, namespace, name, status, file?, changes:[{path, git, live,
 * manager?, operation?, time?, actor?}], patch}], "summary":{…}}. Absent values are null. A secret
 * value is its keyed fingerprint when the user configured the key, else "(secret)": a fingerprint
 * keyed for one run only would look comparable across runs and is not.
 */

import type { DriftChange, DriftResult } from "../drift/types.js";

export function renderDriftJson(result: DriftResult, options: { readonly fingerprints?: boolean } = {}): string {
  const shown = (change: DriftChange, value: unknown) =>
    value === undefined ? null : change.secret && !options.fingerprints ? "(secret)" : value;
  const resources = result.drifts.map((drift) => ({
    apiVersion: drift.apiVersion,
    kind: drift.kind,
    namespace: drift.namespace,
    name: drift.name,
    status: drift.status,
    ...(drift.file !== undefined ? { file: drift.file } : {}),
    changes: drift.changes.map((change) => ({
      path: change.path,
      git: shown(change, change.git),
      live: shown(change, change.live),
      ...(change.owner
        ? {
            manager: change.owner.manager,
            ...(change.owner.operation ? { operation: change.owner.operation } : {}),
            ...(change.owner.time ? { time: change.owner.time } : {}),
            actor: change.owner.actor,
          }
        : {}),
    })),
    patch: drift.patch,
  }));
  // `version` goes up only when a field changes meaning or goes away, as in check's JSON
  return `${JSON.stringify({ version: 1, resources, summary: result.summary }, null, 2)}\n`;
}
