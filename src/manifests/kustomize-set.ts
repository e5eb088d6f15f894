/**
 * The Kustomize directories of one run: which are built (the overlays no other one builds on; never a
 * Component on its own), what is refused (remote references), and what is left out (Components no
 * overlay uses, manifests the kustomization does not list) — each said once, never silently.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { inflation } from "../helm/kustomize.js";
import { hasManifestExtension } from "./detect.js";
import { type Kustomization, loadKustomization, readKustomization, type SourceDocument } from "./kustomize.js";
import { isAllowedHost, remoteHost } from "./kustomize-remote.js";
import { parseManifestText } from "./parse.js";
import type { LoadProblem, Resource } from "./resource.js";

export interface KustomizeOptions {
  readonly kubectl: string;
  readonly cwd: string;
  /** hosts remote resources may be fetched from (`kustomize.remoteHosts`); none by default */
  readonly remoteHosts: readonly string[];
  readonly isIgnored: (display: string) => boolean;
  /** bytes; larger source files are not read (the build reads them; Plumbline only traces lines) */
  readonly maxFileSize: number;
  /** the helm that inflates `helmCharts:`; "helm" from PATH by default */
  readonly helm?: string;
}

export interface KustomizeResult {
  readonly resources: Resource[];
  readonly problems: LoadProblem[];
  /** the kustomization files read */
  readonly files: string[];
}

/** Files inside a Kustomize directory are patches and parts, not whole manifests: render, don't lint raw. */
export function coveredFiles(kustomizations: readonly Kustomization[]): (absolute: string) => boolean {
  const dirs = new Set(kustomizations.map((k) => k.dir.absolute));
  const referenced = new Set(kustomizations.flatMap((k) => k.references));
  return (absolute) => dirs.has(path.dirname(absolute)) || referenced.has(absolute);
}

export async function loadKustomizations(
  kustomizations: readonly Kustomization[],
  options: KustomizeOptions,
): Promise<KustomizeResult> {
  const resources: Resource[] = [];
  const problems: LoadProblem[] = [];
  const files: string[] = [];
  const referenced = new Set(kustomizations.flatMap((k) => k.references));
  const bases = new BaseCache(kustomizations);

  for (const kustomization of kustomizations) {
    if (!kustomization.component || referenced.has(kustomization.dir.absolute)) continue;
    files.push(kustomization.file.display);
    problems.push({
      kind: "unused-component",
      file: kustomization.file.display,
      line: 1,
      column: 1,
      message:
        "not checked: a Kustomize Component is built only through the kustomizations that list it under `components:`, and none in these paths does; check an overlay that uses it",
    });
  }

  for (const kustomization of kustomizations) {
    if (kustomization.component || referenced.has(kustomization.dir.absolute)) continue;
    files.push(kustomization.file.display);
    const tree = await bases.tree(kustomization);
    const refused = tree.flatMap((k) =>
      k.remote.filter((r) => !isAllowedHost(remoteHost(r.reference), options.remoteHosts)).map((r) => ({ ...r, from: k })),
    );
    const first = refused[0];
    if (first) {
      const names = [...new Set(refused.map((r) => r.reference))];
      const hosts = [...new Set(refused.map((r) => remoteHost(r.reference)))];
      problems.push({
        kind: "not-rendered",
        file: first.from.file.display,
        line: first.line,
        column: 1,
        message: `not rendered: the Kustomization lists remote ${names.length === 1 ? "resource" : "resources"} ${names.join(", ")}, which Plumbline does not fetch; to check it, allow ${hosts.join(", ")} under kustomize.remoteHosts in .github/plumbline.yml`,
      });
      continue;
    }
    const helm = tree.find((k) => k.needsHelm);
    // helmCharts: inflated with the local helm when every chart is already vendored (src/helm/kustomize.ts)
    const inflated = helm?.needsHelm?.inflates
      ? await inflation(helm.dir.absolute, helm.file.absolute, options.helm ?? "helm")
      : undefined;
    if (helm?.needsHelm && !inflated?.ok) {
      const reason = inflated && !inflated.ok ? inflated.reason : helm.needsHelm.reason;
      problems.push({
        kind: "not-rendered",
        file: helm.file.display,
        line: helm.needsHelm.line,
        column: 1,
        message: `not rendered: ${reason}; check the rendered output instead (\`kustomize build --enable-helm DIR | plumbline check -\`)`,
      });
      continue;
    }
    const sources = await kustomizationSources(tree, options.maxFileSize);
    const offline = !tree.some((k) => k.remote.length > 0) || options.remoteHosts.length === 0;
    const rendered = await loadKustomization(kustomization, sources, {
      kubectl: options.kubectl,
      cwd: options.cwd,
      offline,
      ...(inflated?.ok ? { helm: inflated.helm } : {}),
    });
    resources.push(...rendered.resources);
    problems.push(...rendered.problems);
  }

  problems.push(...(await unlistedManifests(kustomizations, options)));
  return { resources, problems, files };
}

/** Kustomizations read once each, those of the input and the bases outside it. */
class BaseCache {
  private readonly byDir: Map<string, Promise<Kustomization | undefined>>;

  constructor(known: readonly Kustomization[]) {
    this.byDir = new Map(known.map((k) => [k.dir.absolute, Promise.resolve(k)]));
  }

  /** The kustomization and every local base and component it builds on, each once, root first. */
  async tree(root: Kustomization): Promise<Kustomization[]> {
    const seen = new Set<string>();
    const out: Kustomization[] = [];
    const visit = async (kustomization: Kustomization) => {
      if (seen.has(kustomization.dir.absolute)) return;
      seen.add(kustomization.dir.absolute);
      out.push(kustomization);
      for (const reference of kustomization.references) {
        const base = await this.read(reference, kustomization);
        if (base) await visit(base);
      }
    };
    await visit(root);
    return out;
  }

  private read(reference: string, from: Kustomization): Promise<Kustomization | undefined> {
    let base = this.byDir.get(reference);
    if (!base) {
      base = (async () => {
        const info = await stat(reference).catch(() => undefined);
        if (!info?.isDirectory()) return undefined;
        const display = path.join(from.dir.display, path.relative(from.dir.absolute, reference));
        return readKustomization({ display, absolute: reference });
      })();
      this.byDir.set(reference, base);
    }
    return base;
  }
}

/**
 * The raw documents a rendering can be traced back to, in the order kustomize applies them: a base's
 * documents where the base is listed, so an overlay's patches come after its bases' (the last one wins).
 */
async function kustomizationSources(tree: readonly Kustomization[], maxFileSize: number): Promise<SourceDocument[]> {
  const byDir = new Map(tree.map((k) => [k.dir.absolute, k]));
  const seen = new Set<string>();
  const sources: SourceDocument[] = [];
  const visit = async (kustomization: Kustomization) => {
    if (seen.has(kustomization.dir.absolute)) return;
    seen.add(kustomization.dir.absolute);
    for (const reference of kustomization.references) {
      const base = byDir.get(reference);
      if (base) {
        await visit(base);
        continue;
      }
      // no template test here: kustomize itself read these files as YAML (a `{{PROJECT_ID}}` inside a
      // ConfigMap's text is data), and a document that does not parse simply traces nothing
      const text = await readSmallFile(reference, maxFileSize);
      if (text === undefined) continue;
      const display = path.join(kustomization.dir.display, path.relative(kustomization.dir.absolute, reference));
      const patch = kustomization.patches.includes(reference);
      for (const resource of parseManifestText(text, display, "source").resources) sources.push({ resource, patch });
    }
  };
  if (tree[0]) await visit(tree[0]);
  return sources;
}

/**
 * Manifests that sit in a Kustomize directory but that no kustomization of the run names: the build never
 * applies them, and they are not checked on their own either, so a notice says so.
 */
async function unlistedManifests(kustomizations: readonly Kustomization[], options: KustomizeOptions): Promise<LoadProblem[]> {
  const mentioned = new Set(kustomizations.flatMap((k) => [...k.mentions]));
  const problems: LoadProblem[] = [];
  for (const kustomization of kustomizations) {
    const entries = await readdir(kustomization.dir.absolute, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isFile() || !hasManifestExtension(entry.name)) continue;
      const absolute = path.join(kustomization.dir.absolute, entry.name);
      const display = path.join(kustomization.dir.display, entry.name);
      if (mentioned.has(absolute) || absolute === kustomization.file.absolute || options.isIgnored(display)) continue;
      const size = (await stat(absolute).catch(() => undefined))?.size ?? 0;
      // too large to read here: not listed and not checked either way, so it is said
      if (size <= options.maxFileSize) {
        const text = await readSmallFile(absolute, options.maxFileSize);
        if (text === undefined) continue;
        // the loader's own verdict: a template is no manifest, `{{ }}` inside strings is (a dashboard)
        const parsed = parseManifestText(text, display, "unlisted");
        if (parsed.template || parsed.resources.length === 0) continue;
      }
      problems.push({
        kind: "not-listed",
        file: display,
        line: 1,
        column: 1,
        message: `not checked: ${path.basename(kustomization.file.display)} in this directory does not list this file, so building the Kustomization never applies it; list it under resources: (or move it out of the directory)`,
      });
    }
  }
  return problems;
}

/** The file's text, unless it is missing, not a regular file, or over the size limit. */
async function readSmallFile(file: string, maxFileSize: number): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile() || info.size > maxFileSize) return undefined;
  return readFile(file, "utf8").catch(() => undefined);
}
