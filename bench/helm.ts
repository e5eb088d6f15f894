/**
 * `npm run bench` (Helm part): a chart repository of 20 generated charts, timed two ways, each the
 * median of --reps runs (default 3):
 *   render alone  `helm template` once per chart, in parallel up to the core count (what any tool pays)
 *   check         `plumbline check charts/`: copies with line markers, rendering, tracing and the rules
 * The bound: check ≤ 2 × render alone. Uses `helm` from PATH, else the one the chart tests
 * extract (node_modules/.cache/plumbline-helm/helm); without either it says so and stops.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { check } from "../src/check.js";
import { BENCH_ROOT } from "./files.js";

const { values } = parseArgs({ options: { reps: { type: "string", default: "3" }, charts: { type: "string", default: "20" } } });
const reps = Math.max(1, Number(values.reps));
const count = Math.max(1, Number(values.charts));
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const root = path.join(repo, BENCH_ROOT, "helm");
const log = (message: string) => process.stderr.write(`${message}\n`);

function findHelm(): string | undefined {
  for (const candidate of ["helm", path.join(repo, "node_modules", ".cache", "plumbline-helm", "helm")]) {
    if (candidate !== "helm" && !existsSync(candidate)) continue;
    try {
      execFileSync(candidate, ["version", "--short"], { stdio: "ignore" });
      return candidate;
    } catch {
      // try the next
    }
  }
  return undefined;
}

const helm = findHelm();
if (!helm) {
  log("helm bench skipped: no helm on PATH and none extracted (run `npx vitest run test/helm` once)");
  process.exit(0);
}
// the core spawns `helm` by name, as users have it
if (helm !== "helm") process.env.PATH = `${path.dirname(helm)}${path.delimiter}${process.env.PATH ?? ""}`;

await rm(root, { recursive: true, force: true });
for (let index = 0; index < count; index++) await writeChart(path.join(root, "charts", `app-${index}`), index);

const renderAlone = await median(async () => {
  const dirs = Array.from({ length: count }, (_, index) => path.join(root, "charts", `app-${index}`));
  await pool(dirs, availableParallelism(), (dir) => run(helm, ["template", path.basename(dir), dir]));
});
let findings = 0;
const checked = await median(async () => {
  const result = await check(["charts"], { cwd: root, root });
  findings = result.findings.length;
});
const ratio = checked / renderAlone;
process.stdout.write(
  [
    `helm (${count} charts, ${availableParallelism()} cores, median of ${reps})`,
    `  render alone  ${renderAlone.toFixed(0)} ms`,
    `  check         ${checked.toFixed(0)} ms  (${findings} findings)`,
    `  ratio         ${ratio.toFixed(2)} × render alone (bound: 2.00)`,
    "",
  ].join("\n"),
);

async function median(fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error) => (error ? reject(error) : resolve())),
  );
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A typical application chart: helpers, include/nindent, toYaml, a conditional, a range. */
async function writeChart(dir: string, index: number): Promise<void> {
  const files: Record<string, string> = {
    "Chart.yaml": `apiVersion: v2\nname: app-${index}\nversion: 1.0.${index}\n`,
    "values.yaml": `replicaCount: ${1 + (index % 3)}\nimage:\n  repository: ghcr.io/example/app-${index}\n  tag: "1.${index}.0"\nresources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\nenv:\n  LOG_LEVEL: info\n  REGION: eu\ningress:\n  enabled: ${index % 2 === 0}\n`,
    "templates/_helpers.tpl": `{{- define "app.labels" -}}\napp.kubernetes.io/name: {{ .Chart.Name }}\napp.kubernetes.io/instance: {{ .Release.Name }}\n{{- end }}\n`,
    "templates/deployment.yaml": `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "app.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n  selector:\n    matchLabels:\n      {{- include "app.labels" . | nindent 6 }}\n  template:\n    metadata:\n      labels:\n        {{- include "app.labels" . | nindent 8 }}\n    spec:\n      containers:\n        - name: app\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n          ports:\n            - name: http\n              containerPort: 8080\n          env:\n            {{- range $k, $v := .Values.env }}\n            - name: {{ $k }}\n              value: {{ $v | quote }}\n            {{- end }}\n          resources:\n            {{- toYaml .Values.resources | nindent 12 }}\n`,
    "templates/service.yaml": `apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector:\n    {{- include "app.labels" . | nindent 4 }}\n  ports:\n    - port: 80\n      targetPort: http\n`,
    "templates/ingress.yaml": `{{- if .Values.ingress.enabled }}\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  rules:\n    - host: app-${index}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: {{ .Release.Name }}\n                port:\n                  number: 80\n{{- end }}\n`,
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}
