import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "pdb-missing";

function deployment(replicas: string, kind = "Deployment"): string {
  return yaml`
    apiVersion: apps/v1
    kind: ${kind}
    metadata: { name: web, namespace: shop }
    spec:
      ${replicas}
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web, tier: front } }
        spec:
          containers: [{ name: web, image: app:1 }]
  `;
}

const pdb = (selector: string, namespace = "shop") => yaml`
  ---
  apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata: { name: web, namespace: ${namespace} }
  spec:
    maxUnavailable: 1
    selector: ${selector}
`;

describe(RULE, () => {
  it("fires on a multi-replica Deployment no budget selects, at its replicas", () => {
    const text = deployment("replicas: 3");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", path: "/spec/replicas", ...positionOf(text, "replicas: 3") });
    expect(findings[0]?.message).toBe(
      "no PodDisruptionBudget in these manifests selects its pods, so a node drain or cluster upgrade may evict all its pods at once (it runs 3 replicas); add one with maxUnavailable: 1 and the pod template's labels as its selector",
    );
  });

  it("stays silent when a budget in the same namespace selects the pods, by labels or expressions", () => {
    expect(findingsOf(RULE, deployment("replicas: 3") + pdb("{ matchLabels: { app: web } }"))).toEqual([]);
    expect(
      findingsOf(RULE, deployment("replicas: 3") + pdb("{ matchExpressions: [{ key: tier, operator: In, values: [front] }] }")),
    ).toEqual([]);
    expect(findingsOf(RULE, deployment("replicas: 3") + pdb("{ matchLabels: { app: web } }", "other"))).toHaveLength(1);
    expect(findingsOf(RULE, deployment("replicas: 3") + pdb("{ matchLabels: { app: api } }"))).toHaveLength(1);
  });

  it("leaves single replicas to replicas-too-few: no budget helps one pod", () => {
    expect(findingsOf(RULE, deployment("replicas: 1"))).toEqual([]);
    expect(findingsOf(RULE, deployment(""))).toEqual([]);
    expect(findingsOf(RULE, deployment("replicas: 0"))).toEqual([]);
  });

  it("counts what an autoscaler may scale to", () => {
    const hpa = yaml`
      ---
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: { name: web, namespace: shop }
      spec:
        scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
        minReplicas: 1
        maxReplicas: 6
    `;
    const text = deployment("") + hpa;
    const [finding] = findingsOf(RULE, text);
    expect(finding?.path).toBe("/spec");
    expect(finding?.message).toContain("(it runs up to 6 replicas, its autoscaler's maximum)");
  });

  it("checks StatefulSets but not DaemonSets or Jobs", () => {
    expect(findingsOf(RULE, deployment("replicas: 3", "StatefulSet"))).toHaveLength(1);
    expect(findingsOf(RULE, deployment("", "DaemonSet"))).toEqual([]);
  });

  it("honours the peers' opt-outs", () => {
    const text = deployment("replicas: 3").replace(
      "metadata: { name: web, namespace: shop }",
      'metadata: { name: web, namespace: shop, annotations: { polaris.fairwinds.com/missingPodDisruptionBudget-exempt: "true" } }',
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with the peers' passing fixtures", () => {
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/missingPodDisruptionBudget/success.yaml"))).toEqual([]);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/deployment-poddisruptionbudget-v1-matches.yaml"))).toEqual([]);
  });
});
