import { describe, expect, it } from "vitest";
import { lint, yaml } from "./helpers.js";

/**
 * `replicas: "3"` is no count: the API server rejects the object and schema-invalid says why. The rules
 * that read a replica count must not guess one from it (a string is not "not set, so 1").
 */
const REPLICA_RULES = [
  "replicas-too-few",
  "replicas-managed-by-hpa",
  "hpa-min-replicas-too-few",
  "pdb-missing",
  "pdb-blocks-eviction",
  "rolling-update-drops-all",
  "rwo-volume-shared",
];

const deployment = (replicas: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web, namespace: shop }
  spec:
    replicas: ${replicas}
    strategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: "100%", maxSurge: 0 } }
    selector: { matchLabels: { app: web } }
    template:
      metadata: { labels: { app: web } }
      spec:
        containers: [{ name: web, image: app:1 }]
        volumes: [{ name: data, persistentVolumeClaim: { claimName: web-data } }]
  ---
  apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: { name: web-data, namespace: shop }
  spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
  ---
  apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata: { name: web, namespace: shop }
  spec: { minAvailable: 2, selector: { matchLabels: { app: web } } }
`;

const hpa = (minReplicas: string) => yaml`
  ---
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: { name: web, namespace: shop }
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
    minReplicas: ${minReplicas}
    maxReplicas: 10
`;

const rulesFired = (text: string) => [...new Set(lint(text).map((f) => f.rule))].filter((rule) => REPLICA_RULES.includes(rule));

describe("replica rules on a count that is no count", () => {
  it("stay silent on a quoted, negative or fractional spec.replicas, which schema-invalid reports", () => {
    for (const replicas of ['"3"', '"1"', "-1", "2.5"]) {
      expect(rulesFired(deployment(replicas)), replicas).toEqual([]);
      expect(rulesFired(deployment(replicas) + hpa("2")), `${replicas} with an HPA`).toEqual([]);
    }
    const schema = lint(deployment('"3"')).filter((f) => f.rule === "schema-invalid");
    expect(schema.map((f) => f.path)).toEqual(["/spec/replicas"]);
  });

  it("stay silent on an autoscaler's quoted minReplicas", () => {
    const text = deployment("3").replace("  replicas: 3\n", "") + hpa('"3"');
    expect(rulesFired(text)).toEqual([]);
  });

  it("still read real counts: the same manifests with numbers are reported", () => {
    expect(rulesFired(deployment("1"))).toEqual(
      expect.arrayContaining(["replicas-too-few", "pdb-blocks-eviction", "rolling-update-drops-all"]),
    );
    expect(rulesFired(deployment("3") + hpa("1"))).toEqual(
      expect.arrayContaining(["replicas-managed-by-hpa", "hpa-min-replicas-too-few", "pdb-blocks-eviction", "rwo-volume-shared"]),
    );
  });
});
