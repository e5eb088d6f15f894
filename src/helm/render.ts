/**
 * `helm template` for one chart and one value set: on a marked copy of the chart first (for line
 * tracing), on a plain copy when the markers upset the chart, and never with network access (nothing
 * is fetched: no `helm dependency build`, no repository).
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { offlineToolEnv } from "../manifests/tool-env.js";
import { stripMarkers } from "./instrument.js";
import { copyChart } from "./workspace.js";

export interface RenderRequest {
  /** the chart directory, absolute */
  readonly chart: string;
  /** the chart directory as findings show it */
  readonly display: string;
  readonly release: string;
  readonly namespace: string;
  readonly kubernetesVersion?: string;
  /** absolute paths of values files, in `-f` order */
  readonly values: readonly string[];
  /** `set:` laid over the values files, as a nested object */
  readonly set?: Record<string, unknown>;
  /** what absolute paths in helm's messages are shown relative to */
  readonly cwd: string;
  /**
   * false (drift): the text of a plain rendering, so checksums of templates are what helm applies; the
   * lines are still traced through a marked rendering
   */
  readonly markers: boolean;
  readonly helm: string;
}

export type RenderOutcome =
  | { readonly ok: true; readonly text: string; readonly lines: readonly (number | undefined)[] | undefined }
  | { readonly ok: false; readonly reason: "no-helm" | "failed"; readonly message: string };

export async function renderChart(request: RenderRequest): Promise<RenderOutcome> {
  const marked = await renderCopy(request, true);
  if (!marked.ok && marked.reason === "no-helm") return marked;
  if (request.markers && marked.ok) return marked;
  const plain = await renderCopy(request, false);
  // drift: the text exactly as helm renders it (a `sha256sum` of a template must not see the markers),
  // traced by the marked rendering's table, which has the same lines
  if (plain.ok && marked.ok && marked.lines && plain.text.split("\n").length === marked.lines.length) {
    return { ok: true, text: plain.text, lines: marked.lines };
  }
  return plain;
}

async function renderCopy(request: RenderRequest, markers: boolean): Promise<RenderOutcome> {
  const workspace = await copyChart(request.chart, markers);
  try {
    const args = [
      "template",
      request.release,
      workspace.chart,
      "--namespace",
      request.namespace,
      ...(request.kubernetesVersion ? ["--kube-version", request.kubernetesVersion] : []),
      ...AGGREGATED_API_VERSIONS.flatMap((version) => ["--api-versions", version]),
      // helm reads the chart's own values.yaml first by itself
      ...request.values.flatMap((file) => ["-f", file]),
    ];
    if (request.set && Object.keys(request.set).length > 0) {
      const file = path.join(workspace.root, "set-values.json");
      await writeFile(file, JSON.stringify(request.set));
      args.push("-f", file);
    }
    const run = await runHelm(request.helm, args);
    if (!run.ok) {
      if (run.missing) return { ok: false, reason: "no-helm", message: "helm is not on PATH" };
      const message = helmErrorMessage(run.stderr, [
        [workspace.chart, request.display],
        [workspace.root, "."],
        [request.cwd, "."],
      ]);
      return { ok: false, reason: "failed", message };
    }
    if (!markers) return { ok: true, text: run.stdout, lines: undefined };
    const stripped = stripMarkers(run.stdout, workspace.nonce);
    return { ok: true, text: stripped.text, lines: stripped.lines };
  } finally {
    await workspace.dispose();
  }
}

/**
 * API versions every cluster serves that `helm template`'s offline capabilities lack (they come from
 * client-go's scheme, which has neither the aggregator's nor CRDs' groups): without them a chart's
 * `.Capabilities.APIVersions.Has "apiregistration.k8s.io/v1"` picks a long-removed v1beta1.
 */
const AGGREGATED_API_VERSIONS = [
  "apiregistration.k8s.io/v1",
  "apiregistration.k8s.io/v1/APIService",
  "apiextensions.k8s.io/v1",
  "apiextensions.k8s.io/v1/CustomResourceDefinition",
];

type HelmRun = { ok: true; stdout: string } | { ok: false; missing: boolean; stderr: string };

function runHelm(helm: string, args: string[]): Promise<HelmRun> {
  return new Promise((resolve) => {
    execFile(helm, args, { timeout: 120_000, maxBuffer: 256 * 1024 * 1024, env: offlineToolEnv() }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, stdout });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EACCES") return resolve({ ok: false, missing: true, stderr: "" });
      const killed = (error as { killed?: boolean }).killed ? "helm template did not finish within 120 seconds" : "";
      resolve({ ok: false, missing: false, stderr: killed || stderr || error.message });
    });
  });
}

const MAX_MESSAGE = 600;

/**
 * helm's own message, the same on every run: the `Error:` prefix and the `--debug` hint go, the
 * temporary copy's path becomes the chart's, and only the first lines are kept.
 */
export function helmErrorMessage(stderr: string, replacements: readonly (readonly [string, string])[]): string {
  let text = stderr.slice(-64 * 1024).replace(/\r\n?/g, "\n");
  for (const [from, to] of replacements)
    if (from !== "")
      text = text
        .split(`${from}/`)
        .join(`${to === "." ? "" : `${to}/`}`)
        .split(from)
        .join(to);
  const lines = text
    .split("\n")
    .map((line) => line.trimEnd())
    // helm 4 logs warnings (a deprecated chart) as `level=WARN msg=…` lines: not the failure
    .filter(
      (line) =>
        line.trim() !== "" &&
        !/^Use --debug flag/.test(line) &&
        !/^(WARNING|walk\.go)/.test(line) &&
        !/^(time=\S+\s+)?level=(DEBUG|INFO|WARN)\b/.test(line),
    );
  const message = lines
    .map((line) => line.replace(/^Error:\s*/, "").trim())
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  const shown = message || "helm template failed without a message";
  return shown.length > MAX_MESSAGE ? `${shown.slice(0, MAX_MESSAGE - 1)}…` : shown;
}
