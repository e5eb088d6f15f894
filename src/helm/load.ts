/**
 * Charts → resources: each chart rendered once per value set (the configured ones, or its own
 * values.yaml), in parallel up to the core count; every rendered object traced to its template line and
 * values line. Whatever goes wrong is a LoadProblem, never an exception: no helm (one notice per
 * chart), remote dependencies not vendored (one notice naming them), helm's own failure (one error).
 */
import { realpath } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { LoadProblem, Resource } from "../manifests/resource.js";
import { isInside } from "../manifests/walk.js";
import { type ChartDir, type ChartMetadata, missingDependencies, readChartMetadata } from "./charts.js";
import type { HelmChartConfig } from "./config-schema.js";
import { renderChart } from "./render.js";
import { splitRendered } from "./split.js";
import { type ValueSet, valueSetsOf } from "./value-sets.js";

export interface HelmOptions {
  /** the helm to run; "helm" (from PATH) by default */
  readonly helm?: string;
  /** `helm.charts` of the configuration: value sets per chart */
  readonly charts?: readonly HelmChartConfig[];
  /** what `helm.charts[].path` is relative to (the repository root) */
  readonly root?: string;
  /** `--kube-version`; helm's own default when absent */
  readonly kubernetesVersion?: string;
  /** what paths in messages are relative to */
  readonly cwd: string;
  /** drift: render without line markers, so checksums of templates are what helm applies */
  readonly plain?: boolean;
}

export interface HelmResult {
  readonly resources: Resource[];
  readonly problems: LoadProblem[];
  /** Chart.yaml and values files read */
  readonly files: string[];
}

interface Job {
  readonly chart: ChartDir;
  readonly metadata: ChartMetadata;
  readonly set: ValueSet;
}

export async function loadCharts(charts: readonly ChartDir[], options: HelmOptions): Promise<HelmResult> {
  const resources: Resource[] = [];
  const problems: LoadProblem[] = [];
  const files: string[] = [];
  const jobs: Job[] = [];
  for (const chart of charts) {
    const chartFile = path.join(chart.display, "Chart.yaml");
    files.push(chartFile);
    const metadata = await readChartMetadata(chart);
    const missing = await missingDependencies(chart, metadata);
    const first = missing[0];
    if (first) {
      const names = [...new Set(missing.map((dependency) => dependency.name))].join(", ");
      problems.push({
        kind: "not-rendered",
        file: path.join(chart.display, metadata.dependenciesFile),
        line: first.line,
        column: 1,
        message: `not rendered: ${metadata.dependenciesFile} lists dependencies ${names}, missing from charts/; Plumbline never fetches dependencies: run \`helm dependency build ${chart.display}\` (and commit charts/ or run it before Plumbline) to check this chart`,
      });
      continue;
    }
    const sets = valueSetsOf(chart, options.charts ?? [], options.root ?? options.cwd, options.cwd);
    for (const set of sets) {
      if ("problem" in set) problems.push(set.problem);
      else if (await leavesRoot(set, options.root ?? options.cwd)) {
        const message = `not rendered: a values file of this value set (${set.name}) is a link that leads outside the repository`;
        problems.push({ kind: "not-rendered", ...set.failureAt, message });
      } else jobs.push({ chart, metadata, set });
    }
  }

  const noHelm = new Set<string>();
  const outcomes = await pool(jobs, availableParallelism(), (job) => renderJob(job, options));
  outcomes.forEach((outcome, index) => {
    const job = jobs[index] as Job;
    for (const file of job.set.files) if (!files.includes(file)) files.push(file);
    if (outcome.kind === "no-helm") {
      if (noHelm.has(job.chart.display)) return;
      noHelm.add(job.chart.display);
      problems.push({
        kind: "no-helm",
        file: path.join(job.chart.display, "Chart.yaml"),
        line: 1,
        column: 1,
        message: `not checked: helm is needed to render this chart and is not on PATH (install helm 3 or 4; GitHub's hosted runners have it)`,
      });
      return;
    }
    if (outcome.kind === "failed") {
      problems.push({ kind: "helm-failed", ...job.set.failureAt, message: `${outcome.message}${setNote(job)}` });
      return;
    }
    for (const resource of outcome.resources) resources.push(resource);
    for (const problem of outcome.problems) problems.push(problem);
  });
  return { resources, problems, files };
}

/** A values file helm would read through a link to outside the repository (and might quote in an error). */
async function leavesRoot(set: ValueSet, root: string): Promise<boolean> {
  const realRoot = await realpath(root).catch(() => root);
  for (const file of set.values) {
    const real = await realpath(file.absolute).catch(() => undefined);
    if (real !== undefined && !isInside(real, realRoot)) return true;
  }
  return false;
}

function setNote(job: Job): string {
  return ` (values: ${job.set.name})`;
}

type JobOutcome =
  | { kind: "no-helm" }
  | { kind: "failed"; message: string }
  | { kind: "rendered"; resources: Resource[]; problems: LoadProblem[] };

async function renderJob(job: Job, options: HelmOptions): Promise<JobOutcome> {
  const release = job.set.release ?? releaseName(job.metadata.name);
  const rendered = await renderChart({
    chart: job.chart.absolute,
    display: job.chart.display,
    release,
    namespace: job.set.namespace ?? "default",
    ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}),
    values: job.set.values.map((file) => file.absolute),
    ...(job.set.set ? { set: job.set.set } : {}),
    cwd: options.cwd,
    markers: !options.plain,
    helm: options.helm ?? "helm",
  }).catch((error: unknown) => ({
    ok: false as const,
    reason: "failed" as const,
    message: `cannot render: ${(error as Error).message}`,
  }));
  if (!rendered.ok) return rendered.reason === "no-helm" ? { kind: "no-helm" } : { kind: "failed", message: rendered.message };
  const split = await splitRendered(rendered, job.chart, job.metadata, job.set, release);
  return { kind: "rendered", ...split };
}

/** A release name helm accepts, from the chart's name (chart names may hold `_` or capitals). */
function releaseName(chartName: string): string {
  const name = chartName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 53)
    .replace(/-+$/, "");
  return name || "release";
}

/** `work` over the items, at most `limit` at a time, results in item order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
