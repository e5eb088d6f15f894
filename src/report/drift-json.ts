/**
 * The documented JSON shape of `plumbline drift --format json`, key for key:
 * {"resources":[{apiVersion, kind, namespace, name, status, file?, changes:[{path, git, live,
 * manager?, operation?, time?, actor?}], patch}], "summary":{…}}. Absent values are null.
 */

import type { DriftResult } from "../drift/types.js";

export function renderDriftJson(result: DriftResult): string {
  const resources = result.drifts.map((drift) => ({
    apiVersion: drift.apiVersion,
    kind: drift.kind,
    namespace: drift.namespace,
    name: drift.name,
    status: drift.status,
    ...(drift.file !== undefined ? { file: drift.file } : {}),
    changes: drift.changes.map((change) => ({
      path: change.path,
      git: change.git ?? null,
      live: change.live ?? null,
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
  return `${JSON.stringify({ resources, summary: result.summary }, null, 2)}\n`;
}
