import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "pdb-blocks-eviction";

function pdb(budget: string): string {
  return yaml`
    apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: { name: web, namespace: shop }
    spec:
      ${budget}
      selector: { matchLabels: { app: web } }
  `;
}

function deployment(replicas: string, kind = "Deployment"): string {
  return yaml`
    ---
    apiVersion: apps/v1
    kind: ${kind}
    metadata: { name: web, namespace: shop }
    spec:
      ${replicas}
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          containers: [{ name: web, image: app:1 }]
  `;
}

const hpa = (min: string) => yaml`
  ---
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: { name: web, namespace: shop }
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
    ${min}
    maxReplicas: 10
`;

const TAIL =
  "no pod it selects may ever be evicted, so kubectl drain and node upgrades wait on it forever; allow one disruption (maxUnavailable: 1)";

describe(RULE, () => {
  it("fires on maxUnavailable 0, with or without workloads here, at the field", () => {
    for (const value of ["0", '"0%"']) {
      const text = pdb(`maxUnavailable: ${value}`);
      const [finding] = findingsOf(RULE, text);
      expect(finding).toMatchObject({ severity: "warning", path: "/spec/maxUnavailable", ...positionOf(text, "maxUnavailable") });
      expect(finding?.message).toBe(`maxUnavailable is ${value === "0" ? "0" : "0%"}: ${TAIL}`);
    }
  });

  it("fires on minAvailable 100% (or more)", () => {
    expect(findingsOf(RULE, pdb('minAvailable: "100%"'))[0]?.message).toBe(
      `minAvailable is 100%, so every selected pod must stay up: ${TAIL}`,
    );
    expect(findingsOf(RULE, pdb('minAvailable: "150%"'))).toHaveLength(1);
  });

  it("fires when minAvailable reaches the replica count (1 when replicas is absent)", () => {
    const text = pdb("minAvailable: 3") + deployment("replicas: 3");
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ path: "/spec/minAvailable", ...positionOf(text, "minAvailable: 3") });
    expect(finding?.message).toBe(`minAvailable is 3 while Deployment "web" runs 3 replicas: ${TAIL}`);
    expect(findingsOf(RULE, pdb("minAvailable: 1") + deployment(""))[0]?.message).toContain('Deployment "web" runs 1 replica:');
    expect(findingsOf(RULE, pdb("minAvailable: 2") + deployment("replicas: 3"))).toEqual([]);
  });

  it("resolves percentages the way the disruption controller does: rounded up", () => {
    expect(findingsOf(RULE, pdb('minAvailable: "50%"') + deployment("replicas: 1"))[0]?.message).toContain(
      "minAvailable is 50% (1 of 1, rounded up) while",
    );
    expect(findingsOf(RULE, pdb('minAvailable: "90%"') + deployment("replicas: 3"))).toHaveLength(1);
    expect(findingsOf(RULE, pdb('minAvailable: "60%"') + deployment("replicas: 3"))).toEqual([]);
    expect(findingsOf(RULE, pdb('maxUnavailable: "10%"') + deployment("replicas: 3"))).toEqual([]);
  });

  it("judges an autoscaled workload at its autoscaler's minimum", () => {
    const text = pdb("minAvailable: 2") + deployment("replicas: 5") + hpa("minReplicas: 2");
    expect(findingsOf(RULE, text)[0]?.message).toBe(
      `minAvailable is 2 while the autoscaler can scale Deployment "web" down to 2 replicas: ${TAIL}`,
    );
    expect(findingsOf(RULE, pdb("minAvailable: 2") + deployment("") + hpa("minReplicas: 3"))).toEqual([]);
    // minReplicas defaults to 1
    expect(findingsOf(RULE, pdb("minAvailable: 1") + deployment("") + hpa(""))).toHaveLength(1);
  });

  it("counts KEDA's minimum, at one pod when it scales to zero", () => {
    const keda = (min: string) => yaml`
      ---
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: { name: web, namespace: shop }
      spec:
        scaleTargetRef: { name: web }
        ${min}
        maxReplicaCount: 5
    `;
    expect(findingsOf(RULE, pdb("minAvailable: 1") + deployment("replicas: 1") + keda("minReplicaCount: 1"))).toHaveLength(1);
    expect(findingsOf(RULE, pdb("minAvailable: 1") + deployment("") + keda(""))[0]?.message).toContain("down to 1 replica:");
  });

  it("covers kube-linter's pdb-min-available cases with complete Deployments", () => {
    // its fixture's Deployments have no containers, so they create no pods to count
    expect(findingsOf(RULE, pdb("minAvailable: 1") + deployment("replicas: 1"))).toHaveLength(1);
    expect(findingsOf(RULE, pdb("minAvailable: 1") + deployment("replicas: 1") + hpa("minReplicas: 1"))).toHaveLength(1);
  });

  it("stays silent when the count is unknown: nothing selected here, or DaemonSet pods", () => {
    expect(findingsOf(RULE, pdb("minAvailable: 5"))).toEqual([]);
    expect(findingsOf(RULE, pdb("minAvailable: 1") + deployment("", "DaemonSet"))).toEqual([]);
    expect(findingsOf(RULE, pdb("minAvailable: 1") + deployment("replicas: 0"))).toEqual([]);
  });

  it("stays silent when it also selects a custom controller's pods, whose count it cannot add up", () => {
    const rollout = yaml`
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: { name: web-rollout, namespace: shop }
      spec:
        replicas: 4
        template:
          metadata: { labels: { app: web } }
          spec:
            containers: [{ name: web, image: app:1 }]
    `;
    expect(findingsOf(RULE, pdb("minAvailable: 2") + deployment("replicas: 1") + rollout)).toEqual([]);
  });

  it("judges a budget for one pod (by a label its controller adds) against the workload's pods", () => {
    const perPod = (budget: string) =>
      pdb(budget).replace(
        "selector: { matchLabels: { app: web } }",
        "selector: { matchLabels: { app: web, statefulset.kubernetes.io/pod-name: web-0 } }",
      );
    const statefulSet = (replicas: number) => deployment(`replicas: ${replicas}`, "StatefulSet");
    // a minimum that covers every pod covers the one it picks
    expect(findingsOf(RULE, perPod("minAvailable: 3") + statefulSet(3))).toHaveLength(1);
    expect(findingsOf(RULE, perPod("minAvailable: 2") + statefulSet(3))).toEqual([]);
  });

  it("adds up the workloads a budget selects together", () => {
    const canary = deployment("replicas: 1").replace("name: web, namespace", "name: web-canary, namespace");
    expect(findingsOf(RULE, pdb("minAvailable: 3") + deployment("replicas: 2") + canary)[0]?.message).toContain(
      "while the 2 workloads it selects run 3 pods together at their fewest",
    );
    expect(findingsOf(RULE, pdb("minAvailable: 2") + deployment("replicas: 2") + canary)).toEqual([]);
  });

  it("honours kube-linter's and Polaris's opt-outs", () => {
    const linter = pdb("maxUnavailable: 0").replace(
      "metadata: { name: web, namespace: shop }",
      'metadata: { name: web, namespace: shop, annotations: { ignore-check.kube-linter.io/pdb-max-unavailable: "db" } }',
    );
    expect(findingsOf(RULE, linter)).toEqual([]);
    const polaris = pdb("maxUnavailable: 0").replace(
      "metadata: { name: web, namespace: shop }",
      'metadata: { name: web, namespace: shop, annotations: { polaris.fairwinds.com/pdbDisruptionsIsZero-exempt: "true" } }',
    );
    expect(findingsOf(RULE, polaris)).toEqual([]);
  });

  itWithCorpus("agrees with the peers' fixtures", () => {
    expect(findingsOf(RULE, corpusFile("kube-linter/tests/checks/pdb-max-unavailable.yaml")).map((f) => f.resource.name)).toEqual(
      ["foo"],
    );
    for (const file of ["failure.either", "failure.max", "failure.min"]) {
      expect(findingsOf(RULE, corpusFile(`polaris/test/checks/pdbDisruptionsIsZero/${file}.yaml`)), file).toHaveLength(1);
    }
    for (const file of ["success.both", "success.max", "success.min", "success.none"]) {
      expect(findingsOf(RULE, corpusFile(`polaris/test/checks/pdbDisruptionsIsZero/${file}.yaml`)), file).toEqual([]);
    }
    const dir = "polaris/test/checks/pdbMinAvailableGreaterThanHPAMinReplicas";
    expect(findingsOf(RULE, corpusFile(`${dir}/failure-gt-scalar.yaml`))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile(`${dir}/success.percent-no-replica.yaml`))).toEqual([]);
  });
});
