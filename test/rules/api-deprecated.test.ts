import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "api-deprecated";

function object(apiVersion: string, kind: string, spec = "{}"): string {
  return yaml`
    apiVersion: ${apiVersion}
    kind: ${kind}
    metadata:
      name: x
    spec: ${spec}
  `;
}

describe(RULE, () => {
  const pdb = object("policy/v1beta1", "PodDisruptionBudget", "{ selector: { matchLabels: { app: web } } }");

  it("fires from the deprecation release until removal, at apiVersion, naming the replacement", () => {
    const findings = findingsOf(RULE, pdb, { kubernetesVersion: "1.21" });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", path: "/apiVersion", ...positionOf(pdb, "apiVersion:") });
    expect(findings[0]?.message).toBe(
      "policy/v1beta1 PodDisruptionBudget is deprecated since Kubernetes 1.21 and will be removed in Kubernetes 1.25; use policy/v1",
    );
    expect(findings[0]?.fix).toEqual([{ op: "replace", path: "/apiVersion", value: "policy/v1" }]);
  });

  it("stays silent before deprecation and once removed (api-removed takes over)", () => {
    expect(findingsOf(RULE, pdb, { kubernetesVersion: "1.20" })).toEqual([]);
    expect(findingsOf(RULE, pdb, { kubernetesVersion: "1.25" })).toEqual([]);
    expect(findingsOf("api-removed", pdb, { kubernetesVersion: "1.25" })).toHaveLength(1);
  });

  it("reads target versions written with a v and a patch number", () => {
    expect(findingsOf(RULE, pdb, { kubernetesVersion: "v1.23.4" })).toHaveLength(1);
  });

  it("stays silent when the target version cannot be read", () => {
    expect(findingsOf(RULE, pdb, { kubernetesVersion: "latest" })).toEqual([]);
  });

  it("migrates HPA v2beta1 once autoscaling/v2 is served (field migrations: test/fix/migrations.test.ts)", () => {
    const [finding] = findingsOf(RULE, object("autoscaling/v2beta1", "HorizontalPodAutoscaler"), { kubernetesVersion: "1.23" });
    expect(finding?.message).toContain("use autoscaling/v2");
    expect(finding?.fix).toEqual([{ op: "replace", path: "/apiVersion", value: "autoscaling/v2" }]);
  });

  it("handles APIs deprecated with no removal date", () => {
    const text = object("storage.k8s.io/v1beta1", "VolumeAttributesClass");
    const [finding] = findingsOf(RULE, text, { kubernetesVersion: "1.34" });
    expect(finding?.message).toBe(
      "storage.k8s.io/v1beta1 VolumeAttributesClass is deprecated since Kubernetes 1.34; use storage.k8s.io/v1",
    );
    expect(findingsOf(RULE, text, { kubernetesVersion: "1.33" })).toEqual([]);
  });

  it("can be waived with kube-score's stable-version opt-out", () => {
    const text = pdb.replace("  name: x", '  name: x\n  annotations: { "kube-score/ignore": "stable-version" }');
    expect(text).toContain("stable-version");
    expect(findingsOf(RULE, text, { kubernetesVersion: "1.21" })).toEqual([]);
  });
});
