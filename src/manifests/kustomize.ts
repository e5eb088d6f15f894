import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { KUSTOMIZATION_FILES } from "./detect.js";
import type { InputFile } from "./inputs.js";
import { type RenderOptions, renderKustomization } from "./kustomize-build.js";
import { findOrigins, locateAcross, type SourceDocument } from "./kustomize-origins.js";
import { isRemoteReference } from "./kustomize-remote.js";
import { parseManifestText } from "./parse.js";
import { isRecord, type LoadProblem, type Resource } from "./resource.js";
import { KUBE_YAML } from "./yaml-options.js";

export type { SourceDocument } from "./kustomize-origins.js";

export interface Kustomization {
  readonly dir: InputFile;
  /** the kustomization file itself, where findings go when a resource cannot be traced back */
  readonly file: InputFile;
  /** a Component is only built through the kustomizations that list it under `components:` */
  readonly component: boolean;
  /** absolute paths of the files and directories it names */
  readonly references: string[];
  /** the subset of references that are patches: partial objects laid over the resources */
  readonly patches: string[];
  /** every local path the kustomization mentions anywhere (resources, patches, generators, configurations…) */
  readonly mentions: ReadonlySet<string>;
  /** URLs and git addresses it would make kustomize fetch, with their line in the kustomization file */
  readonly remote: readonly RemoteReference[];
  /**
   * why `kubectl kustomize` cannot build it as it stands, though the directory is not broken: Helm charts
   * inflated by kustomize (`helmCharts:` needs `--enable-helm`, a helm binary and the chart repository),
   * or a kustomization beside a `Chart.yaml` that a GitOps plugin runs on `helm template`'s output
   */
  readonly needsHelm?: { readonly line: number; readonly reason: string; readonly inflates?: boolean };
  readonly namePrefix: string;
  readonly nameSuffix: string;
}

export interface RemoteReference {
  readonly reference: string;
  readonly line: number;
}

const PATH_LISTS = ["resources", "bases", "components", "crds"] as const;
const PATCH_LISTS = ["patchesStrategicMerge"] as const;
const PATCH_OBJECT_LISTS = ["patches", "patchesJson6902"] as const;
/** fields whose entries kustomize loads as files, and so may fetch when they are URLs */
const LOADED_LISTS = ["configurations", "generators", "transformers", "validators"] as const;

export async function readKustomization(dir: InputFile): Promise<Kustomization> {
  const name = KUSTOMIZATION_FILES.find((candidate) => existsSync(path.join(dir.absolute, candidate))) ?? "kustomization.yaml";
  const file = { display: path.join(dir.display, name), absolute: path.join(dir.absolute, name) };
  let spec: Record<string, unknown> = {};
  let text = "";
  try {
    text = await readFile(file.absolute, "utf8");
    const parsed = parse(text, KUBE_YAML) as unknown;
    if (isRecord(parsed)) spec = parsed;
  } catch {
    // kubectl reports a broken kustomization with a better message than ours when it renders it
  }
  const references: string[] = [];
  const patches: string[] = [];
  const remote: RemoteReference[] = [];
  const addPath = (value: unknown, into: string[] = references) => {
    if (typeof value !== "string" || value === "") return;
    if (isRemoteReference(value, dir.absolute)) remote.push({ reference: value, line: lineOf(text, value) });
    else into.push(path.resolve(dir.absolute, value));
  };
  for (const key of PATH_LISTS) for (const entry of asArray(spec[key])) addPath(entry);
  for (const key of PATCH_LISTS) for (const entry of asArray(spec[key])) addPath(entry, patches);
  // a bare path under `patches:` is what older kustomize (and Argo CD's) took, and what people still
  // write: kubectl's refuses it, but the file is a patch either way, never an object of its own
  for (const key of PATCH_OBJECT_LISTS)
    for (const entry of asArray(spec[key])) addPath(isRecord(entry) ? entry.path : entry, patches);
  references.push(...patches);
  for (const generator of [...asArray(spec.configMapGenerator), ...asArray(spec.secretGenerator)]) {
    const g = isRecord(generator) ? generator : {};
    for (const entry of asArray(g.files)) addPath(typeof entry === "string" ? entry.split("=").pop() : entry);
    for (const entry of asArray(g.envs)) addPath(entry);
    addPath(g.env);
  }
  const loaded: string[] = [];
  for (const key of LOADED_LISTS) for (const entry of asArray(spec[key])) addPath(entry, loaded);
  addPath(isRecord(spec.openapi) ? spec.openapi.path : undefined, loaded);
  const needsHelm = helmNeed(spec, text, dir.absolute);
  return {
    dir,
    file,
    component: spec.kind === "Component",
    ...(needsHelm ? { needsHelm } : {}),
    references,
    patches,
    mentions: new Set([...references, ...loaded, ...mentionedPaths(spec, dir.absolute)]),
    remote,
    namePrefix: typeof spec.namePrefix === "string" ? spec.namePrefix : "",
    nameSuffix: typeof spec.nameSuffix === "string" ? spec.nameSuffix : "",
  };
}

/**
 * Every string in the kustomization read as a path next to it: fields come and go between kustomize
 * versions (replacements, helmCharts' valuesFile, openapi), and a file any of them names is in use.
 */
function mentionedPaths(spec: unknown, dir: string): string[] {
  const found: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 20) return;
    if (typeof value === "string" && !value.includes("\n") && value.length < 4096) found.push(path.resolve(dir, value));
    else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (isRecord(value)) for (const item of Object.values(value)) visit(item, depth + 1);
  };
  visit(spec, 0);
  return found;
}

function helmNeed(spec: Record<string, unknown>, text: string, dir: string): Kustomization["needsHelm"] {
  if (asArray(spec.helmCharts).length > 0 || spec.helmChartInflationGenerator !== undefined) {
    const key = spec.helmCharts !== undefined ? "helmCharts" : "helmChartInflationGenerator";
    return {
      line: lineOf(text, `${key}:`),
      reason: `it inflates Helm charts (${key}:), which needs \`kustomize build --enable-helm\`, a helm binary and the chart repository`,
      inflates: true,
    };
  }
  if (existsSync(path.join(dir, "Chart.yaml"))) {
    return {
      line: 1,
      reason: "it sits beside a Chart.yaml: a GitOps plugin renders the chart (`helm template`) before Kustomize runs",
    };
  }
  return undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The 1-based line where a value is first written in the kustomization's text, else 1. */
function lineOf(text: string, value: string): number {
  const offset = text.indexOf(value);
  return offset < 0 ? 1 : text.slice(0, offset).split("\n").length;
}

/**
 * Renders a kustomization and points each rendered object back at the document it came from, so a
 * finding lands on the line the user has to edit rather than on an anonymous build output.
 */
export async function loadKustomization(
  kustomization: Kustomization,
  sources: SourceDocument[],
  options: RenderOptions,
): Promise<{ resources: Resource[]; problems: LoadProblem[] }> {
  const at = { file: kustomization.file.display, line: 1, column: 1 };
  const rendered = await renderKustomization(kustomization.dir.absolute, options);
  if (!rendered.ok) {
    if (rendered.reason === "no-kubectl") {
      const message =
        "not checked: kubectl is not on PATH to render this Kustomization (install kubectl, or check the rendered output with `kubectl kustomize DIR | plumbline check -`)";
      return { resources: [], problems: [{ kind: "not-rendered", ...at, message }] };
    }
    return { resources: [], problems: [{ kind: "build-failed", ...at, message: rendered.message }] };
  }
  const scope = `kustomize:${kustomization.dir.display}`;
  const parsed = parseManifestText(rendered.yaml, kustomization.file.display, scope);
  const renderedBy = { tool: "kustomize", root: kustomization.dir.display } as const;
  const resources = parsed.resources.map((resource): Resource => {
    const origins = findOrigins(resource, sources, kustomization);
    const primary = origins.find((origin) => !origin.patch) ?? origins[0];
    if (!primary) return { ...resource, renderedBy, source: { ...resource.source, locate: () => ({ line: 1, column: 1 }) } };
    return { ...resource, renderedBy, source: { ...primary.resource.source, locate: locateAcross(resource, origins, primary) } };
  });
  return { resources, problems: parsed.problems.map((problem) => ({ ...problem, ...at })) };
}
