import { describe, expect, it } from "vitest";
import { API_LIFECYCLES, NEWEST_VERSION } from "../../src/rules/api-versions/api-data.js";
import { applyFix, corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "api-removed";

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
  it("fires when the target version no longer serves the API, at apiVersion, naming the replacement", () => {
    const text = object("extensions/v1beta1", "Ingress");
    const findings = findingsOf(RULE, text, { kubernetesVersion: "1.22" });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", path: "/apiVersion", ...positionOf(text, "apiVersion:") });
    expect(findings[0]?.message).toBe(
      "extensions/v1beta1 Ingress was removed in Kubernetes 1.22 (checking against 1.22); use networking.k8s.io/v1",
    );
  });

  it("does not attach a fix where fields change meaning; Ingress and HPA v2beta1 fields migrate (test/fix/migrations.test.ts)", () => {
    expect(findingsOf(RULE, object("apps/v1beta2", "Deployment"))[0]?.fix).toBeUndefined();
    expect(findingsOf(RULE, object("extensions/v1beta1", "Ingress"))[0]?.fix).toEqual([
      { op: "replace", path: "/apiVersion", value: "networking.k8s.io/v1" },
    ]);
  });

  it("stays silent before the removal release, where api-deprecated speaks instead", () => {
    const text = object("policy/v1beta1", "PodDisruptionBudget", "{ selector: { matchLabels: { app: web } } }");
    expect(findingsOf(RULE, text, { kubernetesVersion: "1.24" })).toEqual([]);
    expect(findingsOf(RULE, text, { kubernetesVersion: "1.25" })).toHaveLength(1);
  });

  it("offers replace /apiVersion when only the apiVersion changes", () => {
    const text = object("policy/v1beta1", "PodDisruptionBudget", "{ selector: { matchLabels: { app: web } } }");
    const [finding] = findingsOf(RULE, text);
    expect(finding?.fix).toEqual([{ op: "replace", path: "/apiVersion", value: "policy/v1" }]);
    expect(applyFix(text, finding?.fix)).toMatchObject({ apiVersion: "policy/v1", kind: "PodDisruptionBudget" });
    expect(findingsOf(RULE, object("batch/v1beta1", "CronJob"))[0]?.fix).toEqual([
      { op: "replace", path: "/apiVersion", value: "batch/v1" },
    ]);
  });

  it("withholds the PDB fix when the selector is empty, since policy/v1 reads that as every pod", () => {
    const [finding] = findingsOf(RULE, object("policy/v1beta1", "PodDisruptionBudget", "{ selector: {} }"));
    expect(finding).toBeDefined();
    expect(finding?.fix).toBeUndefined();
  });

  it("says so when there is no replacement", () => {
    const [finding] = findingsOf(RULE, object("policy/v1beta1", "PodSecurityPolicy"));
    expect(finding?.message).toMatch(/was removed in Kubernetes 1\.25 \(checking against \d+\.\d+\); it has no replacement$/);
    expect(finding?.fix).toBeUndefined();
  });

  it("applies entries without a kind to every kind of their apiVersion", () => {
    const wildcard = API_LIFECYCLES.find((entry) => entry.kind === "" && entry.removedIn);
    expect(wildcard).toBeDefined();
    if (!wildcard) return;
    expect(findingsOf(RULE, object(wildcard.apiVersion, "AnythingAtAll"))).toHaveLength(1);
  });

  it("judges add-ons against their own newest version, not the Kubernetes one", () => {
    const text = object("cert-manager.io/v1alpha2", "Certificate");
    // Kubernetes 1.6 would be "before removal" if the cert-manager scale were mixed up with Kubernetes'
    const [finding] = findingsOf(RULE, text, { kubernetesVersion: "1.6" });
    expect(finding?.message).toBe(`cert-manager.io/v1alpha2 Certificate was removed in cert-manager 1.6; use cert-manager.io/v1`);
    expect(NEWEST_VERSION["cert-manager"]).toBe("1.6");
  });

  it("never advises a version that is itself removed: it follows the replacements to the newest served", () => {
    // certmanager.k8s.io/v1alpha1 was replaced by cert-manager.io/v1alpha2, which cert-manager 1.6 removed in turn
    const [finding] = findingsOf(RULE, object("certmanager.k8s.io/v1alpha1", "ClusterIssuer"));
    expect(finding?.message).toBe(
      "certmanager.k8s.io/v1alpha1 ClusterIssuer was removed in cert-manager 0.11; use cert-manager.io/v1",
    );
    // Kubernetes: flowcontrol v1beta2 → v1beta3 (removed in 1.32) → v1
    const [flow] = findingsOf(RULE, object("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema"), { kubernetesVersion: "1.32" });
    expect(flow?.message).toMatch(/; use flowcontrol\.apiserver\.k8s\.io\/v1$/);
  });

  it("stays silent on current APIs and unknown kinds", () => {
    expect(findingsOf(RULE, object("apps/v1", "Deployment"))).toEqual([]);
    expect(findingsOf(RULE, object("networking.k8s.io/v1", "Ingress"))).toEqual([]);
    expect(findingsOf(RULE, object("example.com/v1alpha1", "Widget"))).toEqual([]);
  });

  it("honours kube-linter's no-extensions-v1beta opt-out", () => {
    const text = object("extensions/v1beta1", "Ingress").replace(
      "  name: x",
      '  name: x\n  annotations: { "ignore-check.kube-linter.io/no-extensions-v1beta": "legacy" }',
    );
    expect(text).toContain("no-extensions-v1beta");
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("finds every removed API of the kube-no-trouble fixtures that the data knows", () => {
    for (const file of [
      "ingress-v1beta1.yaml",
      "poddisruptionbudget-v1beta1.yaml",
      "cronjob-v1beta1.yaml",
      "clusterrole-v1beta1.yaml",
    ]) {
      expect(findingsOf(RULE, corpusFile(`kube-no-trouble/fixtures/${file}`)).length, file).toBeGreaterThan(0);
    }
  });
});
