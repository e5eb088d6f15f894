import { type App, selectorOf } from "./app.js";
import type { Random } from "./prng.js";

type Obj = Record<string, unknown>;

const SIDECARS = [
  { name: "envoy", image: "envoyproxy/envoy:v1.29.1", port: 15001 },
  { name: "fluent-bit", image: "fluent/fluent-bit:2.2.2", port: 2020 },
  { name: "oauth2-proxy", image: "quay.io/oauth2-proxy/oauth2-proxy:v7.5.1", port: 4180 },
  { name: "statsd-exporter", image: "prom/statsd-exporter:v0.26.0", port: 9102 },
  { name: "cloud-sql-proxy", image: "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.8.2", port: 5432 },
];
const ENV_NAMES = [
  "LOG_LEVEL",
  "LOG_FORMAT",
  "HTTP_TIMEOUT",
  "DB_HOST",
  "DB_PORT",
  "DB_NAME",
  "REDIS_URL",
  "KAFKA_BROKERS",
  "FEATURE_FLAGS",
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_SERVICE_NAME",
  "MAX_CONNECTIONS",
  "CACHE_TTL",
  "REGION",
  "SENTRY_ENVIRONMENT",
  "WORKER_CONCURRENCY",
];

/** The image reference: mostly pinned, sometimes `latest` or untagged (a deliberate mistake). */
function imageRef(random: Random, image: string): string {
  const roll = random.next();
  if (roll < 0.04) return `${image}:latest`;
  if (roll < 0.06) return image;
  if (roll < 0.16) return `${image}@sha256:${random.token(32)}${random.token(32)}`;
  return `${image}:${random.int(1, 9)}.${random.int(0, 30)}.${random.int(0, 20)}`;
}

function resources(random: Random): Obj | undefined {
  if (random.chance(0.08)) return undefined; // forgotten requests and limits
  const request = random.pick([64, 128, 256, 512, 1024]);
  // a few limits below the request: the API server rejects those, the linter should say so first
  const limit = random.chance(0.03) ? request / 2 : request * random.pick([1, 2, 2, 4]);
  const cpu = random.pick(["50m", "100m", "250m", "500m", "1"]);
  return {
    requests: { cpu, memory: `${request}Mi` },
    limits: random.chance(0.7) ? { memory: `${limit}Mi`, ...(random.chance(0.3) ? { cpu: "2" } : {}) } : { memory: `${limit}Mi` },
  };
}

function probe(random: Random, port: number): Obj {
  const handler = random.chance(0.7)
    ? { httpGet: { path: random.pick(["/healthz", "/ready", "/livez"]), port } }
    : { tcpSocket: { port } };
  return { ...handler, initialDelaySeconds: random.int(0, 30), periodSeconds: random.pick([5, 10, 15]), failureThreshold: 3 };
}

function env(random: Random, app: App): Obj[] {
  const count = random.int(2, 14);
  const out: Obj[] = [];
  for (let i = 0; i < count; i++) {
    const name = ENV_NAMES[(i * 7 + app.port) % ENV_NAMES.length] ?? "EXTRA";
    if (random.chance(0.15))
      out.push({ name: `${name}_${i}`, valueFrom: { secretKeyRef: { name: `${app.name}-secrets`, key: name.toLowerCase() } } });
    else if (random.chance(0.1))
      out.push({ name: `${name}_${i}`, valueFrom: { configMapKeyRef: { name: `${app.name}-config`, key: name.toLowerCase() } } });
    else
      out.push({
        name: `${name}_${i}`,
        value: random.pick(["info", "json", "30s", "true", "5432", app.namespace, `${random.int(1, 512)}`]),
      });
  }
  return out;
}

function mainContainer(random: Random, app: App, longRunning: boolean): Obj {
  const container: Obj = {
    name: app.name.split("-").slice(1, 2).join("") || "app",
    image: imageRef(random, app.image),
    imagePullPolicy: random.pick(["IfNotPresent", "Always"]),
    ports: [{ name: "http", containerPort: app.port, protocol: "TCP" }],
    env: env(random, app),
  };
  if (random.chance(0.3)) container.args = ["--config=/etc/app/config.yaml", `--port=${app.port}`];
  const limits = resources(random);
  if (limits) container.resources = limits;
  if (longRunning) {
    if (random.chance(0.85)) container.livenessProbe = probe(random, app.port);
    if (random.chance(0.8)) container.readinessProbe = probe(random, app.port);
  }
  container.securityContext = random.chance(0.03)
    ? { privileged: true }
    : {
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: random.chance(0.6),
        capabilities: { drop: ["ALL"] },
      };
  container.volumeMounts = [{ name: "config", mountPath: "/etc/app", readOnly: true }];
  return container;
}

function sidecar(random: Random): Obj {
  const spec = random.pick(SIDECARS);
  return {
    name: spec.name,
    image: spec.image,
    ports: [{ containerPort: spec.port }],
    ...(random.chance(0.8) ? { resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "64Mi" } } } : {}),
    ...(random.chance(0.5) ? { livenessProbe: { tcpSocket: { port: spec.port }, periodSeconds: 10 } } : {}),
  };
}

/** The pod template every workload kind shares: one to four containers, sometimes an init container. */
export function podTemplate(random: Random, app: App, longRunning: boolean): Obj {
  const containers = [mainContainer(random, app, longRunning)];
  const sidecars = random.pick([0, 0, 1, 1, 2, 3]);
  for (let i = 0; i < sidecars; i++) containers.push(sidecar(random));
  const spec: Obj = {
    serviceAccountName: app.name,
    ...(random.chance(0.3)
      ? {
          initContainers: [
            { name: "migrate", image: `${app.image}-migrations:${random.int(1, 90)}`, command: ["/migrate", "up"] },
          ],
        }
      : {}),
    containers,
    volumes: [{ name: "config", configMap: { name: `${app.name}-config` } }],
    ...(longRunning ? { terminationGracePeriodSeconds: random.pick([30, 60]) } : { restartPolicy: "OnFailure" }),
    ...(random.chance(0.4) ? { nodeSelector: { "kubernetes.io/os": "linux" } } : {}),
    ...(random.chance(0.3)
      ? { tolerations: [{ key: "dedicated", operator: "Equal", value: app.team, effect: "NoSchedule" }] }
      : {}),
  };
  return {
    metadata: {
      labels: { ...selectorOf(app), "app.kubernetes.io/part-of": app.team },
      ...(random.chance(0.4) ? { annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": String(app.port) } } : {}),
    },
    spec,
  };
}

function meta(app: App, name: string): Obj {
  return { name, namespace: app.namespace, labels: app.labels };
}

export function deployment(random: Random, app: App): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(app, app.name),
    spec: {
      replicas: random.int(1, 6),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorOf(app) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: podTemplate(random, app, true),
    },
  };
}

export function statefulSet(random: Random, app: App): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: meta(app, `${app.name}-store`),
    spec: {
      serviceName: `${app.name}-headless`,
      replicas: random.pick([1, 3, 5]),
      selector: { matchLabels: selectorOf(app) },
      template: podTemplate(random, app, true),
      volumeClaimTemplates: [
        {
          metadata: { name: "data" },
          spec: {
            accessModes: ["ReadWriteOnce"],
            storageClassName: "gp3",
            resources: { requests: { storage: `${random.pick([10, 50, 100])}Gi` } },
          },
        },
      ],
    },
  };
}

export function daemonSet(random: Random, app: App): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: meta(app, `${app.name}-agent`),
    spec: {
      selector: { matchLabels: selectorOf(app) },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
      template: podTemplate(random, app, true),
    },
  };
}

export function cronJob(random: Random, app: App): Obj {
  return {
    // batch/v1beta1 was removed in 1.25: a deliberate stale API version now and then
    apiVersion: random.chance(0.1) ? "batch/v1beta1" : "batch/v1",
    kind: "CronJob",
    metadata: meta(app, `${app.name}-nightly`),
    spec: {
      schedule: `${random.int(0, 59)} ${random.int(0, 23)} * * *`,
      concurrencyPolicy: "Forbid",
      successfulJobsHistoryLimit: 3,
      jobTemplate: { spec: { backoffLimit: 2, template: podTemplate(random, app, false) } },
    },
  };
}
