import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SEVERITIES } from "../../src/findings/finding.js";
import { ALL_RULES, findRule, INPUT_RULES, RULES } from "../../src/rules/registry.js";
import { corpusFile, corpusPath, itWithCorpus } from "./helpers.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The first rule set of the catalogue, exactly. */
const CATALOGUE = [
  "yaml-syntax-error",
  "yaml-duplicate-key",
  "kustomize-build-failed",
  "helm-render-failed",
  "helm-not-found",
  "file-skipped",
  "duplicate-resource",
  "api-removed",
  "api-deprecated",
  "liveness-probe-missing",
  "readiness-probe-missing",
  "liveness-equals-readiness",
  "liveness-checks-dependencies",
  "probe-port-unknown",
  "replicas-too-few",
  "replicas-managed-by-hpa",
  "hpa-min-replicas-too-few",
  "hpa-target-missing",
  "autoscaler-conflict",
  "pdb-missing",
  "pdb-blocks-eviction",
  "pdb-selector-matches-nothing",
  "rolling-update-drops-all",
  "rwo-volume-shared",
  "ephemeral-data-store",
  "duplicate-env-var",
  "cpu-request-missing",
  "memory-request-missing",
  "memory-limit-missing",
  "memory-limit-below-request",
  "cpu-limit-set",
  "image-tag-latest",
  "secret-in-env",
  "secret-data-committed",
  "run-as-root",
  "privileged-container",
  "privilege-escalation-allowed",
  "selector-mismatch",
  "schema-invalid",
  "root-filesystem-writable",
  "host-namespace",
  "host-path-volume",
  "dangerous-capabilities",
  "service-selector-matches-nothing",
  "service-target-port-unknown",
  "ingress-backend-missing",
  "statefulset-service-not-headless",
  "configmap-ref-missing",
  "secret-ref-missing",
  "namespace-missing",
  "network-policy-missing",
];

describe("rule registry", () => {
  const ids = ALL_RULES.map((rule) => rule.id);

  it("holds exactly the catalogue", () => {
    expect([...ids].sort()).toEqual([...CATALOGUE].sort());
  });

  it("has unique kebab-case ids", () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it.each(ids)("%s has its own test file", (id) => {
    expect(existsSync(path.join(HERE, `${id}.test.ts`))).toBe(true);
  });

  it.each(ALL_RULES.map((rule) => [rule.id, rule] as const))("%s is fully described", (_id, rule) => {
    expect(rule.title.length).toBeGreaterThan(5);
    expect(rule.why.length).toBeGreaterThan(40);
    expect(SEVERITIES).toContain(rule.severity);
    expect(typeof rule.appliesTo).toBe("function");
    expect(typeof rule.check).toBe("function");
    expect(findRule(rule.id)).toBe(rule);
  });

  it("names peer checks without their tool's prefix", () => {
    for (const rule of ALL_RULES) {
      for (const checks of Object.values(rule.peers ?? {})) {
        for (const check of checks as string[]) expect(check).toMatch(/^[A-Za-z][A-Za-z0-9-]*$/);
      }
    }
  });

  it("keeps input rules and object rules apart", () => {
    expect(INPUT_RULES.map((rule) => rule.category)).toEqual(INPUT_RULES.map(() => "input"));
    expect(RULES.length + INPUT_RULES.length).toBe(ALL_RULES.length);
  });

  itWithCorpus("names only peer checks that exist in the peers' own fixtures", () => {
    const checksIn = (peer: string) =>
      new Set(
        (JSON.parse(corpusFile(`${peer}/LABELS.json`)) as { labels: { check: string }[] }).labels.flatMap((label) =>
          label.check.replace(`${peer}:`, "").split(","),
        ),
      );
    const kubeLinter = checksIn("kube-linter");
    const kubeScore = checksIn("kube-score");
    const polaris = new Set(readdirSync(corpusPath("polaris/test/checks")));
    for (const rule of ALL_RULES) {
      for (const check of rule.peers?.kubeLinter ?? []) expect(kubeLinter, `${rule.id}: ${check}`).toContain(check);
      for (const check of rule.peers?.kubeScore ?? []) expect(kubeScore, `${rule.id}: ${check}`).toContain(check);
      for (const check of rule.peers?.polaris ?? []) expect(polaris, `${rule.id}: ${check}`).toContain(check);
    }
  });
});
