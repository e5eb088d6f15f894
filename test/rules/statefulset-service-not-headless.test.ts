import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "statefulset-service-not-headless";

function manifests(clusterIP: string, serviceName = "db", serviceNamespace = "data"): string {
  return yaml`
    apiVersion: v1
    kind: Service
    metadata: { name: db, namespace: ${serviceNamespace} }
    spec:
      ${clusterIP}
      selector: { app: db }
      ports: [{ port: 5432 }]
    ---
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: { name: db, namespace: data }
    spec:
      serviceName: ${serviceName}
      selector: { matchLabels: { app: db } }
      template:
        metadata: { labels: { app: db } }
        spec:
          containers: [{ name: db, image: postgres:16 }]
  `;
}

describe(RULE, () => {
  it("fires at serviceName when the named Service has a cluster IP", () => {
    const text = manifests("type: ClusterIP");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", path: "/spec/serviceName", ...positionOf(text, "serviceName: db") });
    expect(findings[0]?.message).toBe(
      'serviceName "db" is a Service with a cluster IP, not a headless one (clusterIP: None), so the pods get no DNS names of their own (db-0.db); clusterIP cannot change in place, so add a headless Service and name it here',
    );
  });

  it("stays silent for a headless Service", () => {
    expect(findingsOf(RULE, manifests("clusterIP: None"))).toEqual([]);
  });

  it("stays silent when the Service is not in these manifests, or only in another namespace", () => {
    expect(findingsOf(RULE, manifests("type: ClusterIP", "db-headless"))).toEqual([]);
    expect(findingsOf(RULE, manifests("type: ClusterIP", "db", "other"))).toEqual([]);
  });

  it("honours kube-score's ignore annotation", () => {
    const text = manifests("type: ClusterIP").replace(
      "kind: StatefulSet\nmetadata: { name: db, namespace: data }",
      'kind: StatefulSet\nmetadata: { name: db, namespace: data, annotations: { kube-score/ignore: "statefulset-has-servicename" } }',
    );
    expect(text).toContain("kube-score/ignore");
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with kube-score's headless and not-headless fixtures", () => {
    const dir = "kube-score/score/testdata";
    expect(findingsOf(RULE, corpusFile(`${dir}/statefulset-service-name-not-headless.yaml`))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile(`${dir}/statefulset-service-name.yaml`))).toEqual([]);
  });
});
