import path from "node:path";
import { check } from "../../src/check.js";
import { EMPTY_CONFIG } from "../../src/config/config.js";
import type { Finding } from "../../src/findings/finding.js";
import type { Resource } from "../../src/manifests/resource.js";
import type { RuleSetting } from "../../src/rules/engine.js";

/** How to run Plumbline for one label: the peer's settings translated into ours. */
export interface RunSettings {
  /** `major.minor` */
  readonly kubernetesVersion: string;
  /** rules the label's peer configuration switches off (e.g. a kube-score "ignore memory limits") */
  readonly disabled?: readonly string[];
}

/** A finding with the document (and `kind: List` item) it belongs to. */
export interface LocatedFinding {
  readonly finding: Finding;
  readonly documentIndex?: number;
  readonly listIndex?: number;
}

export interface FileRun {
  readonly findings: readonly LocatedFinding[];
}

/** Runs Plumbline over single fixture files; many labels share a file, so each run is kept. */
export class PlumblineRunner {
  private readonly runs = new Map<string, Promise<FileRun>>();

  run(file: string, settings: RunSettings): Promise<FileRun> {
    const disabled = [...(settings.disabled ?? [])].sort();
    const key = JSON.stringify([file, settings.kubernetesVersion, disabled]);
    let run = this.runs.get(key);
    if (!run) {
      run = runOnce(file, settings.kubernetesVersion, disabled);
      this.runs.set(key, run);
    }
    return run;
  }
}

async function runOnce(file: string, kubernetesVersion: string, disabled: readonly string[]): Promise<FileRun> {
  const rules: Record<string, RuleSetting> = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
  const result = await check([path.basename(file)], {
    cwd: path.dirname(file),
    kubernetesVersion,
    config: { ...EMPTY_CONFIG, rules },
  });
  const locate = documentLocator(result.manifests.resources);
  return { findings: result.findings.map((finding) => ({ finding, ...locate(finding) })) };
}

/**
 * A finding names its resource by identity, which fixtures repeat (two `dont-fire` Deployments): the
 * resource it belongs to is the one with that identity whose document starts last at or before its line.
 */
function documentLocator(resources: readonly Resource[]) {
  const starts = resources.map((resource) => ({ resource, line: resource.source.locate("").line }));
  return (finding: Finding): { documentIndex?: number; listIndex?: number } => {
    let best: { resource: Resource; line: number } | undefined;
    for (const candidate of starts) {
      const { resource, line } = candidate;
      if (resource.kind !== finding.resource.kind || resource.name !== finding.resource.name) continue;
      if (line > finding.line || (best && best.line > line)) continue;
      best = candidate;
    }
    if (!best) return {};
    const { documentIndex, listIndex } = best.resource.source;
    return listIndex === undefined ? { documentIndex } : { documentIndex, listIndex };
  };
}
