import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { KUSTOMIZATION_FILES } from "./detect.js";
import type { InputFile } from "./inputs.js";
import { parseManifestText } from "./parse.js";
import type { LoadProblem, Resource } from "./resource.js";
import { KUBE_YAML } from "./yaml-options.js";

export interface Kustomization {
  readonly dir: InputFile;
  /** the kustomization file itself, where findings go when a resource cannot be traced back */
  readonly file: InputFile;
  /** absolute paths of the files and directories it names */
  readonly references: string[];
  readonly namePrefix: string;
  readonly nameSuffix: string;
}

const PATH_LISTS = ["resources", "bases", "components", "crds", "patchesStrategicMerge"] as const;
const PATH_OBJECT_LISTS = ["patches", "patchesJson6902"] as const;

export async function readKustomization(dir: InputFile): Promise<Kustomization> {
  const name = KUSTOMIZATION_FILES.find((candidate) => existsSync(path.join(dir.absolute, candidate))) ?? "kustomization.yaml";
  const file = { display: path.join(dir.display, name), absolute: path.join(dir.absolute, name) };
  let spec: Record<string, unknown> = {};
  try {
    const parsed = parse(await readFile(file.absolute, "utf8"), KUBE_YAML) as unknown;
    if (parsed && typeof parsed === "object") spec = parsed as Record<string, unknown>;
  } catch {
    // kubectl reports a broken kustomization with a better message than ours when it renders it
  }
  const references: string[] = [];
  const addPath = (value: unknown) => {
    if (typeof value === "string" && !value.includes("://") && !value.startsWith("git@")) {
      references.push(path.resolve(dir.absolute, value));
    }
  };
  for (const key of PATH_LISTS) for (const entry of asArray(spec[key])) addPath(entry);
  for (const key of PATH_OBJECT_LISTS) for (const entry of asArray(spec[key])) addPath((entry as { path?: unknown })?.path);
  for (const generator of [...asArray(spec.configMapGenerator), ...asArray(spec.secretGenerator)]) {
    const g = generator as { files?: unknown; envs?: unknown; env?: unknown };
    for (const entry of asArray(g.files)) addPath(typeof entry === "string" ? entry.split("=").pop() : entry);
    for (const entry of asArray(g.envs)) addPath(entry);
    addPath(g.env);
  }
  return {
    dir,
    file,
    references,
    namePrefix: typeof spec.namePrefix === "string" ? spec.namePrefix : "",
    nameSuffix: typeof spec.nameSuffix === "string" ? spec.nameSuffix : "",
  };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export type RenderResult = { ok: true; yaml: string } | { ok: false; reason: "no-kubectl" | "failed"; message: string };

export function renderKustomization(dir: string, kubectl: string): Promise<RenderResult> {
  return new Promise((resolve) => {
    execFile(kubectl, ["kustomize", dir], { timeout: 120_000, maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, yaml: stdout });
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return resolve({ ok: false, reason: "no-kubectl", message: "kubectl is not on PATH" });
      }
      const detail = stderr.trim().split("\n").pop() || error.message;
      resolve({ ok: false, reason: "failed", message: detail.replace(/^Error:\s*/, "") });
    });
  });
}

/**
 * Renders a kustomization and points each rendered object back at the document it came from, so a
 * finding lands on the line the user has to edit rather than on an anonymous build output.
 */
export async function loadKustomization(
  kustomization: Kustomization,
  sources: Resource[],
  kubectl: string,
): Promise<{ resources: Resource[]; problems: LoadProblem[] }> {
  const at = { file: kustomization.file.display, line: 1, column: 1 };
  const rendered = await renderKustomization(kustomization.dir.absolute, kubectl);
  if (!rendered.ok) {
    const message =
      rendered.reason === "no-kubectl"
        ? "not checked: kubectl is not on PATH to render this Kustomization (install kubectl, or check the rendered output with `kubectl kustomize DIR | plumbline check -`)"
        : `kustomize build failed: ${rendered.message}`;
    return { resources: [], problems: [{ kind: rendered.reason === "no-kubectl" ? "not-rendered" : "syntax", ...at, message }] };
  }
  const scope = `kustomize:${kustomization.dir.display}`;
  const parsed = parseManifestText(rendered.yaml, kustomization.file.display, scope);
  const resources = parsed.resources.map((resource) => {
    const origin = findOrigin(resource, sources, kustomization);
    if (origin) return { ...resource, source: origin.source };
    return { ...resource, source: { ...resource.source, locate: () => ({ line: 1, column: 1 }) } };
  });
  return { resources, problems: parsed.problems.map((problem) => ({ ...problem, ...at })) };
}

function findOrigin(rendered: Resource, sources: Resource[], kustomization: Kustomization): Resource | undefined {
  const sameKind = sources.filter((s) => s.kind === rendered.kind);
  const unprefixed = rendered.name.slice(
    kustomization.namePrefix.length,
    rendered.name.length - kustomization.nameSuffix.length || undefined,
  );
  return (
    sameKind.find((s) => s.name === rendered.name) ??
    sameKind.find((s) => s.name === unprefixed) ??
    sameKind.filter((s) => s.name !== "" && rendered.name.includes(s.name)).sort((a, b) => b.name.length - a.name.length)[0]
  );
}
