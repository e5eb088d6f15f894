import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "ephemeral-data-store";

function workload(container: string, volumes = ""): string {
  return yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: db }
    spec:
      selector: { matchLabels: { app: db } }
      template:
        metadata: { labels: { app: db } }
        spec:
          containers:
            - ${container}
          ${volumes}
  `;
}

describe(RULE, () => {
  it("fires at the emptyDir a database's data directory is on", () => {
    const text = workload(
      "{ name: postgres, image: postgres:16.4, volumeMounts: [{ name: data, mountPath: /var/lib/postgresql/data }] }",
      "volumes: [{ name: data, emptyDir: {} }]",
    );
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/template/spec/volumes/0/emptyDir",
      ...positionOf(text, "emptyDir"),
    });
    expect(findings[0]?.message).toBe(
      'container "postgres" runs PostgreSQL with its data directory /var/lib/postgresql/data on emptyDir volume "data": the data is deleted whenever the pod is replaced (a rollout, an eviction, a node drain); mount a PersistentVolumeClaim there (a StatefulSet\'s volumeClaimTemplates give each replica its own)',
    );
  });

  it("fires at the image when nothing is mounted at the data directory, by image name whatever the registry", () => {
    for (const image of [
      "mongo:7",
      "docker.io/library/mysql:8.4",
      "bitnami/kafka:3.7",
      "rabbitmq:3-management",
      "docker.elastic.co/elasticsearch/elasticsearch:8.15.0",
    ]) {
      const text = workload(`{ name: store, image: "${image}" }`);
      const findings = findingsOf(RULE, text);
      expect(findings, image).toHaveLength(1);
      expect(findings[0], image).toMatchObject({ path: "/spec/template/spec/containers/0/image", ...positionOf(text, "image:") });
      expect(findings[0]?.message, image).toMatch(/with no volume at its data directory \/\S+: .* lost at every restart/);
    }
  });

  it("follows a data directory moved by the environment or a flag, and a mount above it", () => {
    const moved = workload(
      "{ name: postgres, image: postgres:16, env: [{ name: PGDATA, value: /pgdata/data }], volumeMounts: [{ name: data, mountPath: /var/lib/postgresql/data }] }",
      "volumes: [{ name: data, persistentVolumeClaim: { claimName: db } }]",
    );
    expect(findingsOf(RULE, moved)[0]?.message).toContain("with no volume at its data directory /pgdata/data");
    const flagged = workload(
      '{ name: mongo, image: mongo:7, args: ["--dbpath", "/srv/mongo"], volumeMounts: [{ name: data, mountPath: /srv }] }',
      "volumes: [{ name: data, emptyDir: {} }]",
    );
    expect(findingsOf(RULE, flagged)[0]?.message).toContain("data directory /srv/mongo on emptyDir volume");
  });

  it("stays silent when the data is on a claim or a volumeClaimTemplate", () => {
    const claim = workload(
      "{ name: mysql, image: mysql:8, volumeMounts: [{ name: data, mountPath: /var/lib/mysql }] }",
      "volumes: [{ name: data, persistentVolumeClaim: { claimName: mysql } }]",
    );
    expect(findingsOf(RULE, claim)).toEqual([]);
    const template = yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: { name: db }
      spec:
        serviceName: db
        selector: { matchLabels: { app: db } }
        template:
          metadata: { labels: { app: db } }
          spec:
            containers:
              - { name: mysql, image: mysql:8, volumeMounts: [{ name: data, mountPath: /var/lib/mysql }] }
        volumeClaimTemplates:
          - metadata: { name: data }
            spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
    `;
    expect(findingsOf(RULE, template)).toEqual([]);
    // the same StatefulSet without the mount is reported: the silence above is the template's doing
    expect(findingsOf(RULE, template.replace(", volumeMounts: [{ name: data, mountPath: /var/lib/mysql }]", ""))).toHaveLength(1);
  });

  it("stays silent for Redis as a cache, and reports it once persistence is turned on", () => {
    expect(findingsOf(RULE, workload("{ name: cache, image: redis:7 }"))).toEqual([]);
    expect(findingsOf(RULE, workload('{ name: cache, image: redis:7, args: ["--appendonly", "yes"] }'))).toHaveLength(1);
  });

  it("stays silent for other images, and for Jobs (a test or migration run)", () => {
    expect(findingsOf(RULE, workload("{ name: web, image: nginx:1.27 }"))).toEqual([]);
    expect(
      findingsOf(RULE, workload("{ name: postgres-exporter, image: prometheuscommunity/postgres-exporter:0.15.0 }")),
    ).toEqual([]);
    const job = yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: it }
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: db, image: postgres:16 }]
    `;
    expect(findingsOf(RULE, job)).toEqual([]);
  });
});
