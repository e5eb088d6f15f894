/**
 * The drift benchmark: 10,000 Git documents against 10,000 live objects, generated the same way on
 * every run. It reports how long the comparison takes next to what drift must do anyway, parsing
 * both sides, and the process's peak memory. Git is parsed by the loader (YAML 1.1, with source positions), the
 * live side is the JSON a cluster read returns.
 *
 *     npm run build && node bench/drift.js [--objects 10000] [--runs 3]
 *
 * Target: compare ≤ 1.5 × parse. Plain JavaScript over build/, so it measures what ships.
 */

import { parseArgs } from "node:util";
import { stringify } from "yaml";

const { values } = parseArgs({
  options: { objects: { type: "string", default: "10000" }, runs: { type: "string", default: "3" } },
});
const COUNT = Number(values.objects);
const RUNS = Number(values.runs);

const build = new URL("../build/src/", import.meta.url);
const { parseManifestText } = await import(new URL("manifests/parse.js", build).href).catch(() => {
  console.error("bench/drift.js: build/ is missing or stale: run `npm run build` first");
  process.exit(2);
});
const { detectDrift } = await import(new URL("drift/compare.js", build).href);

/** A small deterministic generator (mulberry32), so every run compares the same objects. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(20260914);
const pick = (list) => list[Math.floor(next() * list.length)];

const NAMESPACES = Array.from({ length: 20 }, (_, i) => `team-${i}`);
const APPLIED = {
  manager: "argocd-controller",
  operation: "Apply",
  apiVersion: "v1",
  time: "2026-09-10T16:05:31Z",
  fieldsType: "FieldsV1",
};

function deployment(i, namespace) {
  const name = `app-${i}`;
  const containers = Array.from({ length: 1 + (i % 2) }, (_, c) => ({
    name: c === 0 ? "app" : "sidecar",
    image: `ghcr.io/example/${name}-${c}:1.${i % 50}.${c}`,
    ports: [{ name: "http", containerPort: 8080 + c }],
    env: [
      { name: "MODE", value: pick(["fast", "safe", "debug"]) },
      { name: "REGION", value: pick(["eu", "us", "ap"]) },
    ],
    resources: {
      requests: { cpu: pick(["100m", "0.25", "500m", "1"]), memory: pick(["128Mi", "256Mi", "0.5Gi"]) },
      limits: { memory: "1Gi" },
    },
    readinessProbe: { httpGet: { path: "/ready", port: "http" }, periodSeconds: 5 },
  }));
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, labels: { app: name, team: namespace } },
    spec: {
      replicas: 1 + (i % 4),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers } },
    },
  };
}

function service(i, namespace) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: `app-${i}`, namespace },
    spec: { selector: { app: `app-${i}` }, ports: [{ name: "http", port: 80, targetPort: "http" }] },
  };
}

function configMap(i, namespace) {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `settings-${i}`, namespace },
    data: Object.fromEntries(Array.from({ length: 6 }, (_, k) => [`key-${k}`, `value-${i}-${k}`])),
  };
}

/** What the API server hands back: server fields, status, defaults, managedFields, and some drift. */
function toLive(object, i) {
  const live = structuredClone(object);
  Object.assign(live.metadata, {
    uid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    resourceVersion: String(1000000 + i),
    creationTimestamp: "2026-08-03T09:41:12Z",
    managedFields: [{ ...APPLIED, fieldsV1: { "f:metadata": { "f:labels": {} }, "f:spec": {} } }],
  });
  if (live.kind === "Deployment") {
    Object.assign(live.spec, {
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
    });
    const pod = live.spec.template.spec;
    Object.assign(pod, {
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    for (const container of pod.containers) {
      Object.assign(container, {
        imagePullPolicy: "IfNotPresent",
        terminationMessagePath: "/dev/termination-log",
        terminationMessagePolicy: "File",
      });
      container.ports[0].protocol = "TCP";
      container.readinessProbe = { ...container.readinessProbe, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };
      container.readinessProbe.httpGet.scheme = "HTTP";
      if (container.resources.requests.cpu === "0.25") container.resources.requests.cpu = "250m";
      if (container.resources.requests.memory === "0.5Gi") container.resources.requests.memory = "512Mi";
    }
    live.status = { replicas: live.spec.replicas, readyReplicas: live.spec.replicas, observedGeneration: 3 };
    // one object in twenty was changed by hand
    if (i % 20 === 0) {
      pod.containers[0].image += "-hotfix";
      pod.containers[0].env.push({ name: "DEBUG", value: "1" });
      live.metadata.managedFields.push({
        manager: "kubectl-edit",
        operation: "Update",
        apiVersion: "apps/v1",
        time: "2026-09-14T02:13:45Z",
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:spec": {
            "f:template": {
              "f:spec": {
                "f:containers": {
                  'k:{"name":"app"}': {
                    "f:image": {},
                    "f:env": { 'k:{"name":"DEBUG"}': { ".": {}, "f:name": {}, "f:value": {} } },
                  },
                },
              },
            },
          },
        },
      });
    }
  } else if (live.kind === "Service") {
    Object.assign(live.spec, {
      clusterIP: `10.96.${i % 250}.${i % 200}`,
      clusterIPs: [`10.96.${i % 250}.${i % 200}`],
      type: "ClusterIP",
      sessionAffinity: "None",
    });
    live.spec.ports[0].protocol = "TCP";
    live.status = { loadBalancer: {} };
  }
  return live;
}

function generate() {
  const git = [];
  for (let i = 0; i < COUNT; i++) {
    const namespace = NAMESPACES[i % NAMESPACES.length];
    const kind = i % 10;
    git.push(kind < 6 ? deployment(i, namespace) : kind < 8 ? service(i, namespace) : configMap(i, namespace));
  }
  // Git as a repository holds it: files of 100 documents; the live side as one snapshot List
  const gitFiles = [];
  for (let start = 0; start < git.length; start += 100) {
    gitFiles.push(
      git
        .slice(start, start + 100)
        .map((object) => stringify(object, { version: "1.1" }))
        .join("---\n"),
    );
  }
  // what a cluster read (or `kubectl get -o json`) hands over
  const liveJson = JSON.stringify({ apiVersion: "v1", kind: "List", items: git.map(toLive) });
  return { gitFiles, liveJson };
}

/** What drift must do before it can compare: the Git files through the loader, the cluster's JSON. */
function parseBoth({ gitFiles, liveJson }) {
  const git = gitFiles.flatMap((text, index) => parseManifestText(text, `git/${index}.yaml`, "dir:git").resources);
  const live = JSON.parse(liveJson).items;
  return { git, live };
}

function liveState(objects) {
  const scopes = new Map();
  for (const object of objects) {
    const scope = { apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace };
    scopes.set(`${scope.apiVersion}/${scope.kind}/${scope.namespace}`, scope);
  }
  const kinds = [
    ...new Map([...scopes.values()].map((s) => [s.kind, { apiVersion: s.apiVersion, kind: s.kind, namespaced: true }])).values(),
  ];
  return { source: "bench", objects, listed: [...scopes.values()], unlisted: [], kinds, defaultNamespace: "default" };
}

function time(run) {
  const start = process.hrtime.bigint();
  const value = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const input = generate();
const parseTimes = [];
const compareTimes = [];
let result;
for (let run = 0; run <= RUNS; run++) {
  const parsed = time(() => parseBoth(input));
  const state = liveState(parsed.value.live);
  const compared = time(() => detectDrift(parsed.value.git, state));
  result = compared.value;
  // the first run warms the JIT and is not counted
  if (run > 0) {
    parseTimes.push(parsed.ms);
    compareTimes.push(compared.ms);
  }
}

const parse = median(parseTimes);
const compare = median(compareTimes);
const ratio = compare / parse;
const { summary } = result;
const peak = process.resourceUsage().maxRSS / 1024;
const lines = [
  `plumbline drift benchmark: ${COUNT} Git documents vs ${COUNT} live objects (median of ${RUNS} runs after a warm-up)`,
  `  parse both sides (Git YAML with positions + cluster JSON)     ${parse.toFixed(0).padStart(7)} ms`,
  `  compare (detectDrift)                                         ${compare.toFixed(0).padStart(7)} ms   ${((compare / COUNT) * 1000).toFixed(1)} µs per object`,
  `  compare / parse                                               ${ratio.toFixed(2).padStart(7)} ×   target ≤ 1.5 × ${ratio <= 1.5 ? "(met)" : "(MISSED)"}`,
  `  drift found: ${summary.modified} modified (${summary.changes} fields), ${summary.missing} missing, ${summary.extra} extra; ${summary.inSync} in sync`,
  `  peak memory (max RSS)                                         ${peak.toFixed(0).padStart(7)} MiB`,
];
console.log(lines.join("\n"));
process.exitCode = ratio <= 1.5 ? 0 : 1;
