import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { KUSTOMIZATION_FILES } from "./detect.js";
import type { InputFile } from "./inputs.js";
import { parseManifestText } from "./parse.js";
import { formatPointer, parsePointer, valueAt } from "./pointer.js";
import type { LoadProblem, Resource } from "./resource.js";
import { KUBE_YAML } from "./yaml-options.js";

export interface Kustomization {
  readonly dir: InputFile;
  /** the kustomization file itself, where findings go when a resource cannot be traced back */
  readonly file: InputFile;
  /** absolute paths of the files and directories it names */
  readonly references: string[];
  /** the subset of references that are patches: partial objects laid over the resources */
  readonly patches: string[];
  readonly namePrefix: string;
  readonly nameSuffix: string;
}

const PATH_LISTS = ["resources", "bases", "components", "crds"] as const;
const PATCH_LISTS = ["patchesStrategicMerge"] as const;
const PATCH_OBJECT_LISTS = ["patches", "patchesJson6902"] as const;

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
  const patches: string[] = [];
  const addPath = (value: unknown, into: string[] = references) => {
    if (typeof value === "string" && !value.includes("://") && !value.startsWith("git@")) {
      into.push(path.resolve(dir.absolute, value));
    }
  };
  for (const key of PATH_LISTS) for (const entry of asArray(spec[key])) addPath(entry);
  for (const key of PATCH_LISTS) for (const entry of asArray(spec[key])) addPath(entry, patches);
  for (const key of PATCH_OBJECT_LISTS)
    for (const entry of asArray(spec[key])) addPath((entry as { path?: unknown })?.path, patches);
  references.push(...patches);
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
    patches,
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
  sources: SourceDocument[],
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
  const resources = parsed.resources.map((resource): Resource => {
    const origins = findOrigins(resource, sources, kustomization);
    const primary = origins.find((origin) => !origin.patch) ?? origins[0];
    if (!primary) return { ...resource, source: { ...resource.source, locate: () => ({ line: 1, column: 1 }) } };
    return { ...resource, source: { ...primary.resource.source, locate: locateAcross(resource, origins, primary) } };
  });
  return { resources, problems: parsed.problems.map((problem) => ({ ...problem, ...at })) };
}

/** A raw document a rendered object may come from: a whole resource, or a patch laid over one. */
export interface SourceDocument {
  readonly resource: Resource;
  readonly patch: boolean;
}

function findOrigins(rendered: Resource, sources: SourceDocument[], kustomization: Kustomization): SourceDocument[] {
  const sameKind = sources.filter((s) => s.resource.kind === rendered.kind);
  const end = rendered.name.length - kustomization.nameSuffix.length;
  const unprefixed = rendered.name.slice(kustomization.namePrefix.length, end);
  const exact = sameKind.filter((s) => s.resource.name === rendered.name || s.resource.name === unprefixed);
  if (exact.length > 0) return exact;
  const contained = sameKind.filter((s) => s.resource.name !== "" && rendered.name.includes(s.resource.name));
  const longest = Math.max(0, ...contained.map((s) => s.resource.name.length));
  return contained.filter((s) => s.resource.name.length === longest);
}

/**
 * Points a field of the rendered object at the document that set it: the last patch whose value at that
 * field equals the rendered one, else the resource the patches were laid over.
 */
function locateAcross(rendered: Resource, origins: SourceDocument[], primary: SourceDocument) {
  return (pointer: string) => {
    const value = valueAt(rendered.object, pointer);
    for (const origin of [...origins].reverse()) {
      if (!origin.patch) continue;
      const translated = translatePointer(rendered.object, pointer, origin.resource.object);
      if (translated !== undefined && isDeepStrictEqual(valueAt(origin.resource.object, translated), value)) {
        return { ...origin.resource.source.locate(translated), file: origin.resource.source.file };
      }
    }
    const translated = translatePointer(rendered.object, pointer, primary.resource.object) ?? pointer;
    return { ...primary.resource.source.locate(translated), file: primary.resource.source.file };
  };
}

/** The same field in another version of the object: list items are matched by `name`, not position. */
function translatePointer(from: unknown, pointer: string, to: unknown): string | undefined {
  const out: string[] = [];
  let left = from;
  let right = to;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(left)) {
      const item = left[Number(segment)] as { name?: unknown } | undefined;
      if (!Array.isArray(right)) return undefined;
      const index =
        typeof item?.name === "string"
          ? right.findIndex((candidate) => (candidate as { name?: unknown })?.name === item.name)
          : Number(segment);
      if (index < 0 || index >= right.length) return undefined;
      out.push(String(index));
      left = item;
      right = right[index];
    } else {
      out.push(segment);
      left = (left as Record<string, unknown> | undefined)?.[segment];
      right = (right as Record<string, unknown> | undefined)?.[segment];
    }
  }
  return formatPointer(out);
}
