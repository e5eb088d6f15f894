import { readFile, stat } from "node:fs/promises";
import { type ChartDir, ChartFinder } from "../helm/charts.js";
import { type HelmOptions, loadCharts } from "../helm/load.js";
import { isBinary } from "./detect.js";
import { expandInputs, type InputFile } from "./inputs.js";
import { readKustomization } from "./kustomize.js";
import { coveredFiles, loadKustomizations } from "./kustomize-set.js";
import { parseManifestText } from "./parse.js";
import { FileParsing } from "./parse-pool.js";
import type { LoadProblem, ManifestSet, Resource } from "./resource.js";

export interface LoadOptions {
  readonly cwd?: string;
  /** bytes; larger files are reported and skipped */
  readonly maxFileSize?: number;
  readonly readStdin?: () => Promise<string>;
  /** the kubectl to render Kustomize directories with */
  readonly kubectl?: string;
  /** hosts a kustomization's remote resources may be fetched from; none by default */
  readonly remoteHosts?: readonly string[];
  /** display paths the configuration says to leave alone */
  readonly isIgnored?: (file: string) => boolean;
  /** how Helm charts are rendered (value sets, Kubernetes version): docs/helm.md */
  readonly helm?: Omit<HelmOptions, "cwd">;
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

  for (const problem of inputs.skipped) if (!ignored(problem.file)) problems.push(problem);
  const chartFinder = new ChartFinder();
  const charts = new Map<string, ChartDir>();
  const wanted = inputs.files.filter((input) => !ignored(input.display) && !coveredByKustomize(input.absolute));
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // parsed in input order; on worker threads once the input proves large (parse-pool.ts)
  const parsing = new FileParsing(FILES_SCOPE);
  for await (const [input, read] of readAhead(wanted, (input) => readInput(input, maxFileSize))) {
    files.push(input.display);
    if ("problem" in read) {
      parsing.problem(read.problem);
      continue;
    }
    // every file of a chart (templates, values, Chart.yaml) is the chart's: rendered with it, never read raw
    const chart = await chartFinder.chartOf(input);
    if (chart !== undefined) {
      if (!chart.inflatedByKustomize && !charts.has(chart.absolute)) charts.set(chart.absolute, chart);
      continue;
    }
    parsing.parse(read.text, input.display);
  }
  for (const { file, parsed } of await parsing.results()) {
    if (parsed.template) problems.push(templateProblem(file, "a Go/Helm template"));
    append(resources, parsed.resources);
    append(problems, parsed.problems);
  }

  if (inputs.stdin && options.readStdin) {
    files.push(STDIN_NAME);
    const parsed = parseManifestText(await options.readStdin(), STDIN_NAME, FILES_SCOPE);
    if (parsed.template) problems.push(templateProblem(STDIN_NAME, "a Go/Helm template"));
    append(resources, parsed.resources);
    append(problems, parsed.problems);
  }

  const rendered = await loadKustomizations(kustomizations, {
    kubectl: options.kubectl ?? "kubectl",
    cwd,
    remoteHosts: options.remoteHosts ?? [],
    isIgnored: ignored,
    maxFileSize,
    ...(options.helm?.helm ? { helm: options.helm.helm } : {}),
  });
  append(files, rendered.files);
  append(resources, rendered.resources);
  append(problems, rendered.problems);

  const helm = await loadCharts([...charts.values()], { ...options.helm, cwd });
  append(resources, helm.resources);
  append(problems, helm.problems);
  return { resources, problems, files };
}

/** `push(...items)` passes every item as an argument: 150,000 of them overflowed the stack. */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

function templateProblem(file: string, what: string): LoadProblem {
  const message = `skipped: ${what}, not a manifest until rendered; check the output of \`helm template\` instead`;
  return { kind: "template", file, line: 1, column: 1, message };
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
