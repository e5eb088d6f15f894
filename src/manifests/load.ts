import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { isBinary, isGoTemplate } from "./detect.js";
import { expandInputs, type InputFile } from "./inputs.js";
import { type Kustomization, loadKustomization, readKustomization, type SourceDocument } from "./kustomize.js";
import { parseManifestText } from "./parse.js";
import type { LoadProblem, ManifestSet, Resource } from "./resource.js";

export interface LoadOptions {
  readonly cwd?: string;
  /** bytes; larger files are reported and skipped */
  readonly maxFileSize?: number;
  readonly readStdin?: () => Promise<string>;
  /** the kubectl to render Kustomize directories with */
  readonly kubectl?: string;
  /** display paths the configuration says to leave alone */
  readonly isIgnored?: (file: string) => boolean;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
export const STDIN_NAME = "<stdin>";

/**
 * The scope of plain files (and stdin); each Kustomize rendering is a scope of its own. Which plain files
 * see each other (a directory's lineage, or a configured tree) is the graph's business: docs/scopes.md.
 */
export const FILES_SCOPE = "files";

/** Reads every manifest the paths name. Input problems become LoadProblems; only a bad path throws. */
export async function loadManifests(paths: readonly string[], options: LoadOptions = {}): Promise<ManifestSet> {
  const cwd = options.cwd ?? process.cwd();
  const ignored = options.isIgnored ?? (() => false);
  const inputs = await expandInputs(paths, cwd);
  const resources: Resource[] = [];
  const problems: LoadProblem[] = [];
  const files: string[] = [];

  const kustomizations = await Promise.all(inputs.kustomizations.filter((k) => !ignored(k.display)).map(readKustomization));
  const coveredByKustomize = coveredFiles(kustomizations);

  const wanted = inputs.files.filter((input) => !ignored(input.display) && !coveredByKustomize(input.absolute));
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  for await (const [input, read] of readAhead(wanted, (input) => readInput(input, maxFileSize))) {
    files.push(input.display);
    if ("problem" in read) {
      problems.push(read.problem);
      continue;
    }
    if (isGoTemplate(read.text)) continue;
    const parsed = parseManifestText(read.text, input.display, FILES_SCOPE);
    resources.push(...parsed.resources);
    problems.push(...parsed.problems);
  }

  if (inputs.stdin && options.readStdin) {
    files.push(STDIN_NAME);
    const parsed = parseManifestText(await options.readStdin(), STDIN_NAME, FILES_SCOPE);
    resources.push(...parsed.resources);
    problems.push(...parsed.problems);
  }

  for (const kustomization of leaves(kustomizations)) {
    files.push(kustomization.file.display);
    const sources = await kustomizationSources(kustomization, kustomizations);
    const rendered = await loadKustomization(kustomization, sources, options.kubectl ?? "kubectl");
    resources.push(...rendered.resources);
    problems.push(...rendered.problems);
  }
  return { resources, problems, files };
}

type ReadResult = { text: string } | { problem: LoadProblem };

/** Parsing stays in input order while the next few files are already being read. */
async function* readAhead<T, R>(items: readonly T[], read: (item: T) => Promise<R>, window = 8): AsyncGenerator<[T, R]> {
  const pending: Promise<[T, R]>[] = [];
  let next = 0;
  const start = () => {
    const item = items[next++] as T;
    pending.push(read(item).then((result): [T, R] => [item, result]));
  };
  while (next < items.length && pending.length < window) start();
  while (pending.length > 0) {
    const done = await (pending.shift() as Promise<[T, R]>);
    if (next < items.length) start();
    yield done;
  }
}

async function readInput(input: InputFile, maxFileSize: number): Promise<ReadResult> {
  const at = { file: input.display, line: 1, column: 1 };
  try {
    const { size } = await stat(input.absolute);
    if (size > maxFileSize) {
      return {
        problem: {
          kind: "too-large",
          ...at,
          message: `skipped: ${mebibytes(size)} is over the ${mebibytes(maxFileSize)} limit (--max-file-size)`,
        },
      };
    }
    const content = await readFile(input.absolute);
    if (isBinary(content)) return { problem: { kind: "binary", ...at, message: "skipped: binary file" } };
    return { text: content.toString("utf8") };
  } catch (error) {
    return {
      problem: {
        kind: "unreadable",
        ...at,
        message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      },
    };
  }
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Files inside a Kustomize directory are patches and parts, not whole manifests: render, don't lint raw. */
function coveredFiles(kustomizations: Kustomization[]): (absolute: string) => boolean {
  const dirs = new Set(kustomizations.map((k) => k.dir.absolute));
  const referenced = new Set(kustomizations.flatMap((k) => k.references));
  return (absolute) => dirs.has(path.dirname(absolute)) || referenced.has(absolute);
}

/** Only kustomizations no other one builds on are rendered; their bases are checked through them. */
function leaves(kustomizations: Kustomization[]): Kustomization[] {
  const referenced = new Set(kustomizations.flatMap((k) => k.references));
  return kustomizations.filter((k) => !referenced.has(k.dir.absolute));
}

/** The raw documents a rendering can be traced back to: this kustomization's files and its bases'. */
async function kustomizationSources(root: Kustomization, all: Kustomization[]): Promise<SourceDocument[]> {
  const byDir = new Map(all.map((k) => [k.dir.absolute, k]));
  const seen = new Set<string>();
  const sources: SourceDocument[] = [];
  const visit = async (kustomization: Kustomization) => {
    if (seen.has(kustomization.dir.absolute)) return;
    seen.add(kustomization.dir.absolute);
    for (const reference of kustomization.references) {
      const base = byDir.get(reference) ?? (await readBase(reference, kustomization));
      if (base) {
        await visit(base);
        continue;
      }
      const text = await readFile(reference, "utf8").catch(() => undefined);
      if (text === undefined || isGoTemplate(text)) continue;
      const display = path.join(kustomization.dir.display, path.relative(kustomization.dir.absolute, reference));
      const patch = kustomization.patches.includes(reference);
      for (const resource of parseManifestText(text, display, "source").resources) sources.push({ resource, patch });
    }
  };
  await visit(root);
  return sources;
}

async function readBase(reference: string, from: Kustomization): Promise<Kustomization | undefined> {
  const info = await stat(reference).catch(() => undefined);
  if (!info?.isDirectory()) return undefined;
  const display = path.join(from.dir.display, path.relative(from.dir.absolute, reference));
  return readKustomization({ display, absolute: reference });
}
