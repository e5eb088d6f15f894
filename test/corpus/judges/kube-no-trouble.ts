import { readFileSync } from "node:fs";
import path from "node:path";
import { formatVersion, parseKubeVersion } from "../../../src/k8s/versions.js";
import { DEFAULT_KUBERNETES_VERSION } from "../../../src/rules/api-versions/api-data.js";
import type { CorpusObject, Label } from "../corpus.js";
import { type Judge, unmapped } from "../judgement.js";
import { API_RULES, apiRulesRegistered, objectStatus, statusCase } from "./api-status.js";

/**
 * kube-no-trouble's rule tests evaluate every rule set with no target version and expect one finding
 * per fixture object of the listed kinds. A rule set is named by the release that stops serving its APIs
 * ("Deprecated APIs removed in 1.22"), so Plumbline is run at that release and must say api-removed.
 * The "future" and custom (add-on) rule sets name no release: there, at our default target, either
 * api-deprecated or api-removed is the finding. Other objects in the file must stay clean.
 */
export const judgeKubeNoTrouble: Judge = async (label, { corpus, runner }) => {
  const check = label.check.replace(/^kube-no-trouble:/, "");
  if (label.expect !== "deprecated" || !(check.startsWith("deprecated-") || check.startsWith("custom"))) {
    return unmapped(`outcome "${label.expect}" is not a deprecation finding`);
  }
  if (!apiRulesRegistered()) return unmapped("api-removed and api-deprecated are not both registered");
  const expectedFinding = findingMatcher(label, corpus.dir);
  const removedIn = removalVersion(label);
  const run = await runner.run(path.join(corpus.dir, label.file), { kubernetesVersion: removedIn ?? DEFAULT_KUBERNETES_VERSION });
  const cases = corpus.objectsOf(label.file).map((object) => {
    const ours = objectStatus(run, object);
    if (!expectedFinding(object)) return statusCase("none", ours, ours === "none", object);
    if (removedIn) return statusCase("removed", ours, ours === "removed", object);
    return statusCase("deprecated or removed", ours, ours !== "none", object);
  });
  return { mapped: true, rules: [...API_RULES], cases };
};

/**
 * Which objects kube-no-trouble reports: the label's `expected_kinds`, or the objects of its golden
 * JSON output (the `--labels` test asserts only that file).
 */
function findingMatcher(label: Label, dir: string): (object: CorpusObject) => boolean {
  const kinds = label.expected_kinds as string[] | undefined;
  if (kinds) return (object) => kinds.includes(object.kind ?? "");
  const golden = label.expected_json_output_file;
  if (typeof golden !== "string") throw new Error(`kube-no-trouble label ${label.file}: no expected kinds or output`);
  const outputs = JSON.parse(readFileSync(path.join(dir, golden), "utf8")) as { Kind?: string; Name?: string }[];
  return (object) => outputs.some((output) => output.Kind === object.kind && output.Name === object.name);
}

/** `1.22` for "Deprecated APIs removed in 1.22" (or the check id `deprecated-1-22`); undefined for "future". */
export function removalVersion(label: Label): string | undefined {
  const fromRuleset = /removed in (\d+\.\d+)/.exec(String(label.ruleset ?? ""))?.[1];
  const fromCheck = /deprecated-(\d+)-(\d+)$/.exec(label.check);
  const version = parseKubeVersion(fromRuleset ?? (fromCheck ? `${fromCheck[1]}.${fromCheck[2]}` : ""));
  return version ? formatVersion(version) : undefined;
}

export function kubeNoTroubleVariant(label: Label): string {
  return label.expect === "deprecated" ? `k8s=${removalVersion(label) ?? DEFAULT_KUBERNETES_VERSION}` : "";
}
