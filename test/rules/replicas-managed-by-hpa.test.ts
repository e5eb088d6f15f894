import { describe, expect, it } from "vitest";
import { applyFix, corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "replicas-managed-by-hpa";

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web }
  spec:
    replicas: 3
    selector: { matchLabels: { app: web } }
    template:
      metadata: { labels: { app: web } }
      spec:
        containers: [{ name: web, image: app:1 }]
`;

const hpa = yaml`
  ---
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: { name: web-hpa }
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
    minReplicas: 2
    maxReplicas: 10
`;

describe(RULE, () => {
  it("fires on spec.replicas of an autoscaled workload, at the field, with its removal as the fix", () => {
    const text = deployment + hpa;
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", path: "/spec/replicas", ...positionOf(text, "replicas: 3") });
    expect(findings[0]?.message).toBe(
      'sets replicas: 3 while HorizontalPodAutoscaler "web-hpa" scales it: every apply or GitOps sync resets the count to 3; remove spec.replicas and let the autoscaler own it',
    );
    expect(findings[0]?.fix).toEqual([{ op: "remove", path: "/spec/replicas" }]);
    expect((applyFix(deployment, findings[0]?.fix) as { spec: Record<string, unknown> }).spec).not.toHaveProperty("replicas");
  });

  it("stays silent without replicas, or without an autoscaler for this workload", () => {
    expect(findingsOf(RULE, deployment.replace("  replicas: 3\n", "") + hpa)).toEqual([]);
    expect(findingsOf(RULE, deployment)).toEqual([]);
    expect(findingsOf(RULE, deployment + hpa.replace("kind: Deployment", "kind: StatefulSet"))).toEqual([]);
    const inShop = deployment.replace("metadata: { name: web }", "metadata: { name: web, namespace: shop }");
    expect(
      findingsOf(RULE, inShop + hpa.replace("metadata: { name: web-hpa }", "metadata: { name: web-hpa, namespace: other }")),
    ).toEqual([]);
    // an object without a namespace is in default, on either side
    expect(findingsOf(RULE, inShop + hpa)).toEqual([]);
    const inDefault = hpa.replace("metadata: { name: web-hpa }", "metadata: { name: web-hpa, namespace: default }");
    expect(findingsOf(RULE, deployment + inDefault)).toHaveLength(1);
  });

  it("counts KEDA ScaledObjects, which drive an HPA of their own", () => {
    const keda = yaml`
      ---
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: { name: web-scaler }
      spec:
        scaleTargetRef: { name: web }
        triggers: [{ type: cpu, metadata: { value: "60" } }]
    `;
    expect(findingsOf(RULE, deployment + keda)[0]?.message).toContain('while ScaledObject "web-scaler" scales it');
  });

  it("covers StatefulSets too", () => {
    const sts = deployment.replace("kind: Deployment", "kind: StatefulSet");
    expect(findingsOf(RULE, sts + hpa.replace("kind: Deployment", "kind: StatefulSet"))).toHaveLength(1);
  });

  it("honours kube-score's opt-out", () => {
    const waived = deployment.replace(
      "metadata: { name: web }",
      'metadata: { name: web, annotations: { kube-score/ignore: "deployment-targeted-by-hpa-does-not-have-replicas-configured" } }',
    );
    expect(findingsOf(RULE, waived + hpa)).toEqual([]);
  });

  itWithCorpus("agrees with kube-score's fixtures", () => {
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/deployment-with-hpa-has-replicas.yaml"))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/deployment-with-hpa-not-has-replicas.yaml"))).toEqual([]);
  });
});
