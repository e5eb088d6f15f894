import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "pdb-selector-matches-nothing";

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web, namespace: shop }
  spec:
    replicas: 3
    selector: { matchLabels: { app: web } }
    template:
      metadata: { labels: { app: web } }
      spec:
        containers: [{ name: web, image: app:1 }]
`;

function pdb(selector: string, namespace = "shop", apiVersion = "policy/v1"): string {
  return yaml`
    ---
    apiVersion: ${apiVersion}
    kind: PodDisruptionBudget
    metadata: { name: web-pdb, namespace: ${namespace} }
    spec:
      minAvailable: 1
      ${selector}
  `;
}

describe(RULE, () => {
  it("fires when the selector misses every workload of its namespace, naming the nearest miss", () => {
    const text = deployment + pdb("selector: { matchLabels: { app: web-server } }");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/selector",
      ...positionOf(text, "selector: { matchLabels: { app: web-server"),
    });
    expect(findings[0]?.message).toBe(
      'selects no pods of the 1 workload in namespace "shop" in these manifests (Deployment "web": selector wants app=web-server, pods have app=web); match it to the pod template\'s labels, or ignore this if its pods are deployed from elsewhere',
    );
  });

  it("explains an expression miss and a missing label", () => {
    const expression =
      deployment +
      pdb("selector: { matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: In, values: [front] }] }");
    expect(findingsOf(RULE, expression)[0]?.message).toContain("selector wants tier in (front), pods have no tier label");
  });

  it("stays silent when no pods of the namespace share a label key or value with it: they come from elsewhere", () => {
    const unrelated = deployment + pdb("selector: { matchLabels: { app.kubernetes.io/name: dcgm-exporter } }");
    expect(findingsOf(RULE, unrelated)).toEqual([]);
    expect(
      findingsOf(RULE, deployment + pdb("selector: { matchExpressions: [{ key: tier, operator: In, values: [front] }] }")),
    ).toEqual([]);
  });

  it("stays silent when it selects a workload, of any kind", () => {
    expect(findingsOf(RULE, deployment + pdb("selector: { matchLabels: { app: web } }"))).toEqual([]);
    const job = deployment.replace("kind: Deployment", "kind: Job").replace("apps/v1", "batch/v1");
    expect(findingsOf(RULE, job + pdb("selector: { matchLabels: { app: web } }"))).toEqual([]);
  });

  it("stays silent when it protects the pods of a custom controller (an Argo Rollout)", () => {
    const rollout = yaml`
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: { name: checkout, namespace: shop }
      spec:
        replicas: 3
        selector: { matchLabels: { app: checkout } }
        template:
          metadata: { labels: { app: checkout } }
          spec:
            containers: [{ name: checkout, image: app:1 }]
    `;
    expect(findingsOf(RULE, deployment + rollout + pdb("selector: { matchLabels: { app: checkout } }"))).toEqual([]);
    // a Rollout elsewhere does not help
    expect(findingsOf(RULE, deployment + rollout + pdb("selector: { matchLabels: { app: cart } }"))).toHaveLength(1);
  });

  it("counts labels the controller adds to each pod as met: a budget for one StatefulSet pod selects it", () => {
    const statefulSet = deployment.replace("kind: Deployment", "kind: StatefulSet").replace("name: web,", "name: kafka,");
    const perPod = pdb("selector: { matchLabels: { app: web, statefulset.kubernetes.io/pod-name: kafka-0 } }");
    expect(findingsOf(RULE, statefulSet + perPod)).toEqual([]);
    // a Deployment's pods never get that label
    expect(findingsOf(RULE, deployment + perPod)[0]?.message).toContain(
      "selector wants statefulset.kubernetes.io/pod-name=kafka-0, pods have no statefulset.kubernetes.io/pod-name label",
    );
  });

  it("stays silent when no workload of its namespace is in these manifests: its pods are deployed elsewhere", () => {
    expect(findingsOf(RULE, pdb("selector: { matchLabels: { app: web } }"))).toEqual([]);
    expect(findingsOf(RULE, deployment + pdb("selector: { matchLabels: { app: api } }", "other"))).toEqual([]);
  });

  it("fires on a missing selector wherever the pods are: it selects nothing at all", () => {
    const text = pdb("");
    expect(findingsOf(RULE, text)[0]).toMatchObject({
      path: "/spec",
      message: "has no selector, so it selects no pods and protects nothing; add spec.selector with the pod template's labels",
    });
  });

  it("reads an empty selector the way each API version does", () => {
    expect(findingsOf(RULE, deployment + pdb("selector: {}"))).toEqual([]);
    expect(findingsOf(RULE, pdb("selector: {}", "shop", "policy/v1beta1"))[0]?.message).toBe(
      "has an empty selector, which policy/v1beta1 reads as no pods at all; list the pod template's labels",
    );
  });

  it("stays silent on a malformed selector, which fails for its own reasons", () => {
    expect(findingsOf(RULE, deployment + pdb("selector: { matchExpressions: [{ key: a, operator: Equals }] }"))).toEqual([]);
  });

  it("can be switched off per resource", () => {
    const text = (deployment + pdb("selector: { matchLabels: { app: nope } }")).replace(
      "metadata: { name: web-pdb, namespace: shop }",
      "metadata: { name: web-pdb, namespace: shop, annotations: { plumbline.dev/ignore: pdb-selector-matches-nothing } }",
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });
});
