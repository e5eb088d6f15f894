/**
 * Kustomizations that inflate charts (`helmCharts:`): built with `kubectl kustomize --enable-helm` when
 * helm 3 is on PATH (kustomize's inflator refuses helm 4) and every chart is already in the chart home (`charts/` by default, where
 * `kustomize build --enable-helm` leaves what it pulls). Nothing is pulled: a chart that would have to
 * come from its repository is named in a notice instead.
 */
import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { isRecord } from "../manifests/resource.js";

export type Inflation = { readonly ok: true; readonly helm: string } | { readonly ok: false; readonly reason: string };

const probes = new Map<string, Promise<number | undefined>>();

/** The major version of this helm, or undefined when it does not run (asked once per run and binary). */
export function helmMajor(helm: string): Promise<number | undefined> {
  let known = probes.get(helm);
  if (!known) {
    known = new Promise((resolve) =>
      execFile(helm, ["version", "--short"], { timeout: 20_000 }, (error, stdout) => {
        const major = /^v?(\d+)\./.exec(String(stdout).trim());
        resolve(error || !major ? undefined : Number(major[1]));
      }),
    );
    probes.set(helm, known);
  }
  return known;
}

/** Whether the kustomization in `dir` can be inflated here, offline, with this helm. */
export async function inflation(dir: string, kustomizationFile: string, helm: string): Promise<Inflation> {
  const major = await helmMajor(helm);
  if (major === undefined) {
    return { ok: false, reason: "it inflates Helm charts (helmCharts:), and helm is not on PATH to render them" };
  }
  // kustomize's chart inflator (through kustomize 5.7) asks `helm version -c` and refuses anything but helm 3
  if (major !== 3) {
    return {
      ok: false,
      reason: `it inflates Helm charts (helmCharts:), and kustomize's chart inflator needs helm 3 (this helm is ${major})`,
    };
  }
  let spec: unknown;
  try {
    spec = parse(await readFile(kustomizationFile, "utf8"));
  } catch {
    return { ok: true, helm }; // kubectl reports a broken kustomization better
  }
  if (!isRecord(spec)) return { ok: true, helm };
  const globals = isRecord(spec.helmGlobals) ? spec.helmGlobals : {};
  const home = path.resolve(dir, typeof globals.chartHome === "string" ? globals.chartHome : "charts");
  const missing: string[] = [];
  for (const chart of Array.isArray(spec.helmCharts) ? spec.helmCharts.filter(isRecord) : []) {
    if (typeof chart.name !== "string") continue;
    const version = typeof chart.version === "string" ? chart.version : undefined;
    const candidates = [
      path.join(home, chart.name),
      ...(version ? [path.join(home, `${chart.name}-${version}`, chart.name)] : []),
    ];
    const present = await Promise.all(
      candidates.map((c) =>
        stat(path.join(c, "Chart.yaml")).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!present.includes(true)) missing.push(chart.name);
  }
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `its helmCharts ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not in ${path.relative(dir, home) || "."}/, and Plumbline never pulls charts (run \`kustomize build --enable-helm\` once, or vendor the chart)`,
    };
  }
  if (spec.helmChartInflationGenerator !== undefined) {
    return { ok: false, reason: "it uses helmChartInflationGenerator, which needs kustomize's exec plugins" };
  }
  return { ok: true, helm };
}
