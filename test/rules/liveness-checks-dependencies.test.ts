import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "liveness-checks-dependencies";

/** A Deployment whose one container has the given liveness probe (flow-style YAML) and env. */
function withLiveness(probe: string, env = "[]"): string {
  return yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: api }
    spec:
      template:
        spec:
          containers:
            - name: api
              image: api:1
              env: ${env}
              livenessProbe: ${probe}
  `;
}

const ADVICE =
  "restarting this container will not bring it back; keep liveness to this process alone and check the dependency in the readiness probe";

describe(RULE, () => {
  it("fires on an httpGet to another host, at the host", () => {
    const text = withLiveness("{ httpGet: { host: postgres.db.svc, path: /, port: 5432 } }");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/template/spec/containers/0/livenessProbe/httpGet/host",
      ...positionOf(text, "host: postgres"),
    });
    expect(findings[0]?.message).toBe(
      `container "api" liveness probe connects to postgres.db.svc, not to the pod itself: when postgres.db.svc is down ${ADVICE}`,
    );
  });

  it("fires on a tcpSocket to another host", () => {
    expect(findingsOf(RULE, withLiveness("{ tcpSocket: { host: redis, port: 6379 } }"))[0]?.path).toMatch(/tcpSocket\/host$/);
  });

  it("accepts hosts that are the pod itself", () => {
    for (const host of ["localhost", "127.0.0.1", "'::1'", "'[::1]'", "0.0.0.0"]) {
      expect(findingsOf(RULE, withLiveness(`{ httpGet: { host: ${host}, path: /healthz, port: 8080 } }`)), host).toEqual([]);
    }
  });

  it.each([
    ["[pg_isready, -h, postgres, -p, '5432']", "pg_isready -h postgres", "postgres"],
    ["[sh, -c, 'pg_isready -U app --host=db.shop.svc']", "pg_isready --host=db.shop.svc", "db.shop.svc"],
    ["[sh, -c, 'timeout 3 nc -zv -w 2 kafka 9092']", "nc kafka", "kafka"],
    ["[/bin/sh, -ec, 'curl -fsS http://payments:8080/health || exit 1']", "http://payments:8080/health", "payments"],
    ["[wget, -q, -O, '-', 'orders:8080/healthz']", "wget orders:8080/healthz", "orders"],
    ["[redis-cli, -h, cache, ping]", "redis-cli -h cache", "cache"],
    ["[mysqladmin, ping, -hmysql]", "mysqladmin -hmysql", "mysql"],
    ["[grpc_health_probe, '-addr=inventory:50051']", "grpc_health_probe -addr=inventory:50051", "inventory"],
    [
      "[mongosh, --quiet, 'mongodb://mongo-0.mongo:27017/admin', --eval, 'db.ping()']",
      "mongodb://mongo-0.mongo:27017/admin",
      "mongo-0.mongo",
    ],
  ])("fires on an exec probe %s", (command, via, host) => {
    const text = withLiveness(`{ exec: { command: ${command} } }`);
    const [finding] = findingsOf(RULE, text);
    expect(finding?.path).toBe("/spec/template/spec/containers/0/livenessProbe/exec/command");
    expect(finding?.message).toBe(
      `container "api" liveness probe runs ${via}, which reaches ${host}: when ${host} is down ${ADVICE}`,
    );
  });

  it.each([
    "[pg_isready, -U, postgres]",
    "[pg_isready, -h, 127.0.0.1]",
    "[psql, -h, /var/run/postgresql, -c, 'select 1']",
    "[redis-cli, ping]",
    "[sh, -c, 'curl -f http://localhost:8080/livez']",
    "[sh, -c, 'curl -f http://$(hostname -i):8080/livez']",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
    "[sh, -c, 'curl -f http://${HOSTNAME}.web-headless:8080/livez']",
    "[sh, -c, 'nc -z 127.0.0.1 8080']",
    "[grpc_health_probe, '-addr=:50051']",
    "[/scripts/check.sh]",
    "[cat, /tmp/healthy]",
  ])("stays silent on an exec probe of the pod itself: %s", (command) => {
    expect(findingsOf(RULE, withLiveness(`{ exec: { command: ${command} } }`))).toEqual([]);
  });

  it("reads variables from the container's env: literals and the pod's own IP", () => {
    const probe = "{ exec: { command: [sh, -c, 'pg_isready -h $DB_HOST'] } }";
    expect(findingsOf(RULE, withLiveness(probe, "[{ name: DB_HOST, value: postgres }]"))[0]?.message).toContain(
      "runs pg_isready -h $DB_HOST, which reaches $DB_HOST (postgres): when postgres is down",
    );
    expect(
      findingsOf(RULE, withLiveness(probe, "[{ name: DB_HOST, valueFrom: { fieldRef: { fieldPath: status.podIP } } }]")),
    ).toEqual([]);
    // a value the manifest cannot show (a Secret, a ConfigMap) is not guessed at
    expect(
      findingsOf(RULE, withLiveness(probe, "[{ name: DB_HOST, valueFrom: { secretKeyRef: { name: db, key: host } } }]")),
    ).toEqual([]);
    expect(findingsOf(RULE, withLiveness(probe))).toEqual([]);
    const kubelet = "{ exec: { command: [pg_isready, -h, $(DB_HOST)] } }";
    expect(findingsOf(RULE, withLiveness(kubelet, "[{ name: DB_HOST, value: 'db.shop.svc' }]"))).toHaveLength(1);
  });

  it("fires on a local health path that names a dependency, at the path", () => {
    for (const path of ["/health/db", "/ready/deps", "/dependencies", "/healthz/redis", "/api/health-database?verbose=1"]) {
      const text = withLiveness(`{ httpGet: { path: "${path}", port: 8080 } }`);
      const [finding] = findingsOf(RULE, text);
      expect(finding?.path, path).toBe("/spec/template/spec/containers/0/livenessProbe/httpGet/path");
      expect(finding?.message, path).toMatch(/whose path names a dependency \((db|deps|dependencies|redis|database)\)/);
    }
    const exec = withLiveness("{ exec: { command: [curl, -f, 'http://localhost:8080/health/db'] } }");
    expect(findingsOf(RULE, exec)[0]?.message).toContain(
      "checks http://localhost:8080/health/db, whose path names a dependency (db)",
    );
  });

  it("names Spring Boot's aggregate health endpoint and its liveness group", () => {
    const [finding] = findingsOf(RULE, withLiveness("{ httpGet: { path: /actuator/health, port: 8080 } }"));
    expect(finding?.message).toContain("Spring Boot's aggregate health");
    expect(finding?.message).toContain("Spring Boot serves /actuator/health/liveness for this");
    expect(findingsOf(RULE, withLiveness("{ httpGet: { path: /actuator/health/liveness, port: 8080 } }"))).toEqual([]);
  });

  it("reads only the path: a query that excludes a dependency is not a check of it", () => {
    for (const path of ["/livez?exclude=etcd", "/healthz", "/live", "/dbz", "/status/debug"]) {
      expect(findingsOf(RULE, withLiveness(`{ httpGet: { path: "${path}", port: 8080 } }`)), path).toEqual([]);
    }
  });

  it("leaves readiness probes, which should check dependencies, and batch workloads alone", () => {
    const readiness = withLiveness("{ httpGet: { path: /healthz, port: 8080 } }").replace(
      "livenessProbe:",
      "readinessProbe: { httpGet: { path: /health/db, port: 8080 } }\n            livenessProbe:",
    );
    expect(findingsOf(RULE, readiness)).toEqual([]);
    const job = yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: once }
      spec:
        template:
          spec:
            restartPolicy: Never
            containers:
              - name: task
                image: task:1
                livenessProbe: { httpGet: { host: db, path: /, port: 80 } }
    `;
    expect(findingsOf(RULE, job)).toEqual([]);
  });

  it("can be switched off per resource", () => {
    const text = withLiveness("{ httpGet: { path: /health/db, port: 8080 } }").replace(
      "metadata: { name: api }",
      "metadata: { name: api, annotations: { plumbline.dev/ignore: liveness-checks-dependencies } }",
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });
});
