import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The import graph of a folder as TypeScript itself resolves it: `tsc --explainFiles` says, for every
 * file of the program, which files import it. Type-only imports count (they are what tie folders
 * together unseen; esbuild and most graph tools drop them), and so does `import()`.
 */

/** importer → the files it imports, paths relative to `cwd`, `/`-separated */
export type ImportGraph = ReadonlyMap<string, ReadonlySet<string>>;

// the package exports no bin path: found beside its package.json, as npm links it
const TSC = path.join(path.dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");

/** Runs the project's tsc over `include` (folders under `cwd`) with `cwd`'s tsconfig.json, checking nothing. */
export function importGraph(cwd: string, include: readonly string[], within: (file: string) => boolean): ImportGraph {
  const dir = mkdtempSync(path.join(tmpdir(), "plumbline-imports-"));
  try {
    const config = path.join(dir, "tsconfig.json");
    writeFileSync(
      config,
      JSON.stringify({
        extends: path.join(cwd, "tsconfig.json"),
        compilerOptions: { noEmit: true, rootDir: cwd },
        include: include.map((folder) => path.join(cwd, folder)),
      }),
    );
    const run = spawnSync(process.execPath, [TSC, "-p", config, "--explainFiles", "--noCheck"], {
      cwd,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw run.error;
    return parseExplainFiles(run.stdout, within);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Reads `--explainFiles` output: a file's path on a line of its own, then indented reasons, of which
 * `Imported via '<specifier>' from file '<importer>'` are the edges. Only files `within` says are kept.
 */
export function parseExplainFiles(output: string, within: (file: string) => boolean): ImportGraph {
  const graph = new Map<string, Set<string>>();
  let current: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    if (line === "") continue;
    if (!/^\s/.test(line)) {
      current = toSlashes(line.trim());
      continue;
    }
    const importer = /^\s+Imported via .* from file '([^']+)'/.exec(line)?.[1];
    if (current === undefined || importer === undefined) continue;
    const from = toSlashes(importer);
    if (!within(from) || !within(current)) continue;
    const targets = graph.get(from) ?? new Set<string>();
    targets.add(current);
    graph.set(from, targets);
  }
  return graph;
}

/**
 * One cycle per strongly connected component of more than one file (or a file importing itself), as the
 * shortest way round from its first file in sort order: `a.ts → b.ts → a.ts`. Sorted, so stable.
 */
export function importCycles(graph: ImportGraph): string[][] {
  return stronglyConnected(graph)
    .filter((component) => component.length > 1 || graph.get(component[0] as string)?.has(component[0] as string))
    .map((component) => shortestCycle(graph, new Set(component)))
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** Tarjan's algorithm, iterative so a deep chain of imports cannot overflow the stack. */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((targets) => [...targets])])].sort();
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; targets: string[]; at: number }[] = [];
    const visit = (node: string) => {
      index.set(node, next);
      low.set(node, next);
      next += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, targets: [...(graph.get(node) ?? [])].sort(), at: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      const target = frame.targets[frame.at];
      if (target !== undefined) {
        frame.at += 1;
        if (!index.has(target)) visit(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (;;) {
          const member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        components.push(component.sort());
      }
    }
  }
  return components;
}

/** Breadth-first from the component's first file back to it, inside the component. */
function shortestCycle(graph: ImportGraph, component: ReadonlySet<string>): string[] {
  const start = [...component].sort()[0] as string;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const target of [...(graph.get(node) ?? [])].sort()) {
      if (!component.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

function toSlashes(file: string): string {
  return file.split(path.sep).join("/");
}
