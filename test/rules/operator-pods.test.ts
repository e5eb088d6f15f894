import { describe, expect, it } from "vitest";
import { findingsOf, yaml } from "./helpers.js";

/** Services and PDBs written for pods that an operator creates from a custom resource. */

const exporter = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: exporter, namespace: monitoring }
  spec:
    selector: { matchLabels: { app: exporter } }
    template:
      metadata: { labels: { app: exporter } }
      spec:
        containers: [{ name: exporter, image: exporter:1 }]
`;

const prometheus = yaml`
  apiVersion: monitoring.coreos.com/v1
  kind: Prometheus
  metadata: { name: main, namespace: monitoring }
  spec:
    replicas: 2
    podMetadata:
      labels: { app.kubernetes.io/component: prometheus, app.kubernetes.io/part-of: stack }
`;

function service(selector: string): string {
  return yaml`
    apiVersion: v1
    kind: Service
    metadata: { name: front, namespace: monitoring }
    spec:
      selector: ${selector}
      ports: [{ port: 9090 }]
  `;
}

function pdb(selector: string): string {
  return yaml`
    apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: { name: front, namespace: monitoring }
    spec:
      minAvailable: 1
      selector: { matchLabels: ${selector} }
  `;
}

const join = (...docs: string[]) => docs.join("---\n");
const SERVICE = "service-selector-matches-nothing";
const PDB = "pdb-selector-matches-nothing";

describe("selectors of operator-created pods", () => {
  it("stays silent for the labels prometheus-operator gives a Prometheus's pods, its own and podMetadata's", () => {
    for (const selector of [
      "{ app.kubernetes.io/name: prometheus, app.kubernetes.io/instance: main }",
      "{ prometheus: main }",
      "{ app.kubernetes.io/component: prometheus, app.kubernetes.io/part-of: stack, app.kubernetes.io/name: prometheus }",
      "{ prometheus: main, statefulset.kubernetes.io/pod-name: prometheus-main-0 }",
    ]) {
      expect(findingsOf(SERVICE, join(exporter, prometheus, service(selector))), selector).toEqual([]);
      expect(findingsOf(PDB, join(exporter, prometheus, pdb(selector))), selector).toEqual([]);
    }
  });

  it("still fires when the selector misses the operator's pods too", () => {
    const wrongInstance = "{ app.kubernetes.io/name: prometheus, app.kubernetes.io/instance: other }";
    expect(findingsOf(SERVICE, join(exporter, prometheus, service(wrongInstance)))).toHaveLength(1);
    expect(findingsOf(PDB, join(exporter, prometheus, pdb(wrongInstance)))).toHaveLength(1);
    // an Alertmanager's pods are not a Prometheus's
    expect(findingsOf(SERVICE, join(exporter, prometheus, service("{ alertmanager: main }")))).toHaveLength(1);
  });

  it("knows Alertmanager, Strimzi Kafka and ECK Elasticsearch pods", () => {
    const alertmanager = yaml`
      apiVersion: monitoring.coreos.com/v1
      kind: Alertmanager
      metadata: { name: main, namespace: monitoring }
      spec: { replicas: 3 }
    `;
    expect(findingsOf(SERVICE, join(exporter, alertmanager, service("{ alertmanager: main }")))).toEqual([]);
    const kafka = yaml`
      apiVersion: kafka.strimzi.io/v1beta2
      kind: Kafka
      metadata: { name: events, namespace: monitoring }
      spec:
        kafka: { replicas: 3 }
    `;
    const strimzi = "{ strimzi.io/cluster: events, strimzi.io/kind: Kafka, strimzi.io/name: events-kafka }";
    expect(findingsOf(PDB, join(exporter, kafka, pdb(strimzi)))).toEqual([]);
    expect(findingsOf(PDB, join(exporter, kafka, pdb("{ strimzi.io/cluster: other }")))).toHaveLength(1);
    const elastic = yaml`
      apiVersion: elasticsearch.k8s.elastic.co/v1
      kind: Elasticsearch
      metadata: { name: logs, namespace: monitoring }
      spec:
        nodeSets:
          - name: hot
            count: 3
            podTemplate: { metadata: { labels: { tier: hot } } }
    `;
    expect(
      findingsOf(SERVICE, join(exporter, elastic, service("{ elasticsearch.k8s.elastic.co/cluster-name: logs, tier: hot }"))),
    ).toEqual([]);
    expect(
      findingsOf(SERVICE, join(exporter, elastic, service("{ elasticsearch.k8s.elastic.co/cluster-name: logs, tier: warm }"))),
    ).toHaveLength(1);
  });

  it("stays silent when a custom resource of an unknown operator could own the pods (named in the selector, or labelled alike)", () => {
    const widget = yaml`
      apiVersion: cache.example.com/v1
      kind: CacheCluster
      metadata: { name: sessions, namespace: monitoring, labels: { team: web } }
      spec: { size: 3 }
    `;
    expect(findingsOf(SERVICE, join(exporter, widget, service("{ app: sessions }")))).toEqual([]);
    expect(findingsOf(PDB, join(exporter, widget, pdb("{ team: web }")))).toEqual([]);
    // an unrelated selector is still reported
    expect(findingsOf(SERVICE, join(exporter, widget, service("{ app: web }")))).toHaveLength(1);
  });

  it("does not take configuration-only custom resources (a ServiceMonitor) for pod owners", () => {
    const monitor = yaml`
      apiVersion: monitoring.coreos.com/v1
      kind: ServiceMonitor
      metadata: { name: web, namespace: monitoring, labels: { app: web } }
      spec: { selector: { matchLabels: { app: web } } }
    `;
    expect(findingsOf(SERVICE, join(exporter, monitor, service("{ app: web }")))).toHaveLength(1);
  });
});
