import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "rolling-update-drops-all";

function deployment(replicas: string, strategy: string): string {
  return yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web }
    spec:
      ${replicas}
      strategy: ${strategy}
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          containers: [{ name: web, image: app:1 }]
  `;
}

const rolling = (unavailable: string, surge?: string) =>
  `{ type: RollingUpdate, rollingUpdate: { maxUnavailable: ${unavailable}${surge === undefined ? "" : `, maxSurge: ${surge}`} } }`;

describe(RULE, () => {
  it("fires when maxUnavailable covers every replica, at maxUnavailable", () => {
    const text = deployment("replicas: 1", rolling("1", "1"));
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/strategy/rollingUpdate/maxUnavailable",
      ...positionOf(text, "maxUnavailable"),
    });
    expect(findings[0]?.message).toBe(
      "maxUnavailable 1 of 1 replica lets the only pod go down at once: a rollout may stop every old pod before a new one is ready; use maxUnavailable: 0 with maxSurge: 1",
    );
    expect(findingsOf(RULE, deployment("replicas: 3", rolling("3")))).toHaveLength(1);
    expect(findingsOf(RULE, deployment("replicas: 3", rolling("5")))).toHaveLength(1);
  });

  it("stays silent when the pods bind host ports or the host network: a surge pod could not start beside them", () => {
    const withHostPort = deployment("replicas: 1", rolling("1")).replace(
      "containers: [{ name: web, image: app:1 }]",
      "containers: [{ name: web, image: app:1, ports: [{ containerPort: 80, hostPort: 80 }] }]",
    );
    expect(withHostPort).toContain("hostPort: 80");
    expect(findingsOf(RULE, withHostPort)).toEqual([]);
    const hostNetwork = deployment("replicas: 1", rolling("1")).replace(
      "containers: [",
      "hostNetwork: true\n          containers: [",
    );
    expect(findingsOf(RULE, hostNetwork)).toEqual([]);
    // still rejected by the API server when both are 0
    expect(findingsOf(RULE, withHostPort.replace("maxUnavailable: 1", "maxUnavailable: 0, maxSurge: 0"))).toHaveLength(1);
  });

  it("fires on 100%, resolving percentages like the controller: maxUnavailable rounds down", () => {
    expect(findingsOf(RULE, deployment("replicas: 4", rolling('"100%"')))[0]?.message).toContain(
      "maxUnavailable 100% of 4 replicas lets all 4 go down at once",
    );
    // 75% of 4 is 3, 99% of 4 rounds down to 3: one pod always stays
    expect(findingsOf(RULE, deployment("replicas: 4", rolling('"75%"')))).toEqual([]);
    expect(findingsOf(RULE, deployment("replicas: 4", rolling('"99%"')))).toEqual([]);
    expect(findingsOf(RULE, deployment("replicas: 2", rolling('"50%"')))).toEqual([]);
  });

  it("stays silent on the defaults (25% / 25%) at any replica count, and for Recreate", () => {
    expect(findingsOf(RULE, deployment("replicas: 1", "{}"))).toEqual([]);
    expect(findingsOf(RULE, deployment("", "{ type: RollingUpdate }"))).toEqual([]);
    expect(findingsOf(RULE, deployment("replicas: 1", "{ type: Recreate }"))).toEqual([]);
    expect(findingsOf(RULE, deployment("replicas: 1", rolling("0", "1")))).toEqual([]);
    expect(findingsOf(RULE, deployment("replicas: 0", rolling("1")))).toEqual([]);
  });

  it("fires when both are 0, which the API server rejects", () => {
    for (const [unavailable, surge] of [
      ["0", "0"],
      ['"0%"', "0"],
      ["0", '"0%"'],
    ] as const) {
      const text = deployment("replicas: 3", rolling(unavailable, surge));
      const [finding] = findingsOf(RULE, text);
      expect(finding?.path).toBe("/spec/strategy/rollingUpdate");
      expect(finding?.message).toBe(
        "maxUnavailable and maxSurge are both 0, so a rollout could neither stop an old pod nor start a new one: the API server rejects this Deployment; set maxSurge: 1 (or maxUnavailable: 1)",
      );
    }
  });

  it("knows the controller's fencepost: both rounding to 0 means one pod may go down", () => {
    // 10% of 1 rounds down to 0 with maxSurge 0: the controller then allows 1 unavailable, the only pod
    const [finding] = findingsOf(RULE, deployment("replicas: 1", rolling('"10%"', "0")));
    expect(finding?.message).toContain(
      "maxUnavailable 10% and maxSurge 0 both round to 0 of 1 replica, and the controller then allows 1 pod down",
    );
    expect(findingsOf(RULE, deployment("replicas: 2", rolling('"10%"', "0")))).toEqual([]);
    // maxSurge rounds up: 10% of 1 is 1 extra pod, so nothing need go down
    expect(findingsOf(RULE, deployment("replicas: 1", rolling('"10%"', '"10%"')))).toEqual([]);
  });

  it("judges an autoscaled Deployment at its autoscaler's minimum", () => {
    const hpa = yaml`
      ---
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: { name: web }
      spec:
        scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
        minReplicas: 2
        maxReplicas: 10
    `;
    const text = deployment("replicas: 6", rolling("2")) + hpa;
    expect(findingsOf(RULE, text)[0]?.message).toContain("maxUnavailable 2 of 2 replicas (its autoscaler's minimum)");
    expect(findingsOf(RULE, deployment("replicas: 6", rolling("1")) + hpa)).toEqual([]);
  });

  it("checks DaemonSets where the node count does not matter: 100% and 0/0", () => {
    const daemonSet = (strategy: string) => yaml`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: agent }
      spec:
        updateStrategy: ${strategy}
        selector: { matchLabels: { app: agent } }
        template:
          metadata: { labels: { app: agent } }
          spec:
            containers: [{ name: agent, image: agent:1 }]
    `;
    const text = daemonSet('{ rollingUpdate: { maxUnavailable: "100%" } }');
    expect(findingsOf(RULE, text)[0]).toMatchObject({ path: "/spec/updateStrategy/rollingUpdate/maxUnavailable" });
    expect(findingsOf(RULE, text)[0]?.message).toMatch(/^maxUnavailable 100% replaces the pod on every node at once/);
    expect(findingsOf(RULE, daemonSet("{ rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }"))[0]?.message).toContain(
      "rejects this DaemonSet",
    );
    expect(findingsOf(RULE, daemonSet("{ rollingUpdate: { maxUnavailable: 0 } }"))).toHaveLength(1);
    expect(findingsOf(RULE, daemonSet("{ rollingUpdate: { maxUnavailable: 5 } }"))).toEqual([]);
    expect(findingsOf(RULE, daemonSet("{ rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }"))).toEqual([]);
    expect(findingsOf(RULE, daemonSet('{ type: OnDelete, rollingUpdate: { maxUnavailable: "100%" } }'))).toEqual([]);
  });

  it("checks a StatefulSet's maxUnavailable only where the controller honours it (1.35+, Parallel)", () => {
    const statefulSet = (policy: string, unavailable: string) => yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: { name: db }
      spec:
        replicas: 3
        podManagementPolicy: ${policy}
        updateStrategy: { rollingUpdate: { maxUnavailable: ${unavailable} } }
        selector: { matchLabels: { app: db } }
        template:
          metadata: { labels: { app: db } }
          spec:
            containers: [{ name: db, image: db:1 }]
    `;
    const text = statefulSet("Parallel", "3");
    expect(findingsOf(RULE, text, { kubernetesVersion: "1.35" })[0]?.message).toBe(
      "maxUnavailable 3 of 3 replicas lets all of them restart together: every update is an outage; keep it below the replica count",
    );
    // rounded up for StatefulSets: 70% of 3 is 2.1, so 3
    expect(findingsOf(RULE, statefulSet("Parallel", '"70%"'), { kubernetesVersion: "1.35" })).toHaveLength(1);
    expect(findingsOf(RULE, statefulSet("Parallel", "2"), { kubernetesVersion: "1.35" })).toEqual([]);
    expect(findingsOf(RULE, text, { kubernetesVersion: "1.34" })).toEqual([]);
    expect(findingsOf(RULE, statefulSet("OrderedReady", "3"), { kubernetesVersion: "1.35" })).toEqual([]);
  });

  it("can be switched off per resource", () => {
    const text = deployment("replicas: 1", rolling("1")).replace(
      "metadata: { name: web }",
      "metadata: { name: web, annotations: { plumbline.dev/ignore: rolling-update-drops-all } }",
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });
});
