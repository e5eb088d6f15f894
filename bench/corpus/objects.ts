import { type App, selectorOf } from "./app.js";
import type { Random } from "./prng.js";

type Obj = Record<string, unknown>;

function meta(app: App, name: string): Obj {
  return { name, namespace: app.namespace, labels: app.labels };
}

export function service(random: Random, app: App): Obj {
  // now and then a selector that matches no pod: the kind of link mistake reviewers miss
  const selector = random.chance(0.05) ? { "app.kubernetes.io/name": `${app.name}-old` } : selectorOf(app);
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(app, app.name),
    spec: {
      type: random.pick(["ClusterIP", "ClusterIP", "ClusterIP", "NodePort", "LoadBalancer"]),
      selector,
      ports: [{ name: "http", port: 80, targetPort: app.port, protocol: "TCP" }],
    },
  };
}

const CONFIG_FILES: [string, (app: App, random: Random) => string][] = [
  [
    "nginx.conf",
    (app) =>
      [
        "server {",
        `  listen ${app.port};`,
        "  location / {",
        "    proxy_pass http://127.0.0.1:8081;",
        "    proxy_set_header Host $host;",
        "  }",
        "}",
        "",
      ].join("\n"),
  ],
  [
    "application.properties",
    (app, random) =>
      [
        `spring.application.name=${app.name}`,
        `server.port=${app.port}`,
        `spring.datasource.url=jdbc:postgresql://db.${app.namespace}.svc:5432/${app.team}`,
        `spring.datasource.hikari.maximum-pool-size=${random.int(5, 50)}`,
        "management.endpoints.web.exposure.include=health,prometheus",
        "",
      ].join("\n"),
  ],
  [
    "config.yaml",
    (app, random) =>
      [
        "log:",
        "  level: info",
        "  format: json",
        "http:",
        `  port: ${app.port}`,
        `  timeout: ${random.int(5, 60)}s`,
        "features:",
        `  - ${random.token(8)}`,
        `  - ${random.token(8)}`,
        "",
      ].join("\n"),
  ],
];

export function configMap(random: Random, app: App): Obj {
  const data: Record<string, string> = {};
  const keys = random.int(1, 6);
  for (let i = 0; i < keys; i++) data[`setting_${i}`] = random.pick(["true", "false", "info", `${random.int(1, 1000)}`]);
  const [fileName, content] = random.pick(CONFIG_FILES);
  data[fileName] = content(app, random);
  return { apiVersion: "v1", kind: "ConfigMap", metadata: meta(app, `${app.name}-config`), data };
}

export function secret(random: Random, app: App): Obj {
  const data: Record<string, string> = {};
  for (const key of ["db_password", "api_key", "redis_url"].slice(0, random.int(1, 3))) {
    data[key] = Buffer.from(random.token(random.int(12, 40))).toString("base64");
  }
  return { apiVersion: "v1", kind: "Secret", type: "Opaque", metadata: meta(app, `${app.name}-secrets`), data };
}

export function serviceAccount(_random: Random, app: App): Obj {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(app, app.name), automountServiceAccountToken: false };
}

export function ingress(random: Random, app: App): Obj {
  const host = `${app.name}.${random.pick(["acme.com", "acme.io", "internal.acme.net"])}`;
  if (random.chance(0.08)) {
    // removed in 1.22, still found in old repositories
    return {
      apiVersion: "extensions/v1beta1",
      kind: "Ingress",
      metadata: meta(app, app.name),
      spec: { rules: [{ host, http: { paths: [{ path: "/", backend: { serviceName: app.name, servicePort: 80 } }] } }] },
    };
  }
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { ...meta(app, app.name), annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" } },
    spec: {
      ingressClassName: "nginx",
      tls: [{ hosts: [host], secretName: `${app.name}-tls` }],
      rules: [
        {
          host,
          http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: app.name, port: { number: 80 } } } }] },
        },
      ],
    },
  };
}

export function hpa(random: Random, app: App): Obj {
  const min = random.int(1, 3);
  return {
    apiVersion: random.chance(0.1) ? "autoscaling/v2beta2" : "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: meta(app, app.name),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: app.name },
      minReplicas: min,
      maxReplicas: min + random.int(2, 20),
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: random.pick([60, 70, 80]) } },
        },
      ],
    },
  };
}

export function pdb(random: Random, app: App): Obj {
  return {
    apiVersion: random.chance(0.1) ? "policy/v1beta1" : "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: meta(app, app.name),
    spec: {
      ...(random.chance(0.5) ? { minAvailable: 1 } : { maxUnavailable: "25%" }),
      selector: { matchLabels: selectorOf(app) },
    },
  };
}

export function networkPolicy(random: Random, app: App): Obj {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: meta(app, `${app.name}-ingress`),
    spec: {
      podSelector: { matchLabels: selectorOf(app) },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { "kubernetes.io/metadata.name": random.pick(["ingress-nginx", app.namespace]) },
              },
            },
            { podSelector: { matchLabels: { "app.kubernetes.io/part-of": app.team } } },
          ],
          ports: [{ protocol: "TCP", port: app.port }],
        },
      ],
    },
  };
}
