import { statSync } from "node:fs";
import path from "node:path";
import { formatVersion, parseKubeVersion } from "../../../src/k8s/versions.js";
import type { CorpusObject, Label, LabelSet } from "../corpus.js";
import { type Judge, unmapped } from "../judgement.js";
import { API_RULES, type ApiStatus, apiRulesRegistered, fileStatus, objectStatus, statusCase } from "./api-status.js";

const STATUSES: readonly string[] = ["removed", "deprecated", "none"] satisfies ApiStatus[];

/**
 * pluto's levels map one to one: `removed` (exit 3) = api-removed, `deprecated` (exit 2) = api-deprecated
 * and not api-removed, `none` = neither; Plumbline is run at the label's target version. Where the label
 * names the reported object (finder outputs, an e2e table row) the objects are judged one by one, the
 * others in the file expected clean; otherwise the file's worst status is compared, as pluto's exit code is.
 */
export const judgePluto: Judge = async (label, { corpus, runner }) => {
  if (!STATUSES.includes(label.expect)) return unmapped(`outcome "${label.expect}" is not a detection result`);
  if (String(label.source_test ?? "").includes("helm-detect")) return unmapped("in-cluster Helm release scanning");
  const file = path.join(corpus.dir, label.file);
  if (!statSync(file).isFile()) return unmapped("input is a Helm chart (pluto reads `helm template` output)");
  if (!apiRulesRegistered()) return unmapped("api-removed and api-deprecated are not both registered");

  const run = await runner.run(file, { kubernetesVersion: targetVersion(label, corpus.labelSet) });
  const named = namedObjects(label, corpus.objectsOf(label.file));
  const rules = [...API_RULES];
  if (named.size === 0) {
    const ours = fileStatus(run);
    return { mapped: true, rules, cases: [statusCase(label.expect, ours, ours === label.expect)] };
  }
  const cases = corpus.objectsOf(label.file).map((object) => {
    const expected = named.has(object) ? label.expect : "none";
    const ours = objectStatus(run, object);
    return statusCase(expected, ours, ours === expected, object);
  });
  return { mapped: true, rules, cases };
};

/** `v1.15.0` from the label, its command line, or pluto's default target. */
export function targetVersion(label: Label, labelSet: LabelSet): string {
  const fromLabel = (label.target_versions as { k8s?: string } | undefined)?.k8s;
  const fromInvocation = /--target-versions\s+k8s=(\S+)/.exec(String(label.invocation ?? ""))?.[1];
  const defaults = (labelSet.versions_yaml_summary as { default_target_versions?: { k8s?: string } } | undefined)
    ?.default_target_versions;
  const text = fromLabel ?? fromInvocation ?? defaults?.k8s;
  const version = text === undefined ? undefined : parseKubeVersion(text);
  if (!version) throw new Error(`pluto label ${label.file}: no target version`);
  return formatVersion(version);
}

/** The objects a label says pluto reports, matched by name, kind and apiVersion. */
function namedObjects(label: Label, objects: readonly CorpusObject[]): Set<CorpusObject> {
  type Named = { name?: string; kind?: string; apiVersion?: string };
  const outputs = (label.expected_outputs as Named[] | undefined) ?? [];
  const row = typeof label.expected_row === "string" ? label.expected_row.trim().split(/\s+/) : [];
  const named: Named[] = row.length >= 3 ? [...outputs, { name: row[0], kind: row[1], apiVersion: row[2] }] : outputs;
  return new Set(
    objects.filter((object) =>
      named.some((n) => n.name === object.name && n.kind === object.kind && n.apiVersion === object.apiVersion),
    ),
  );
}

export function plutoVariant(label: Label, labelSet: LabelSet): string {
  return STATUSES.includes(label.expect) ? `k8s=${targetVersion(label, labelSet)}` : "";
}
