/**
 * Which chart a file belongs to: the nearest directory above it holding a `Chart.yaml`, and, when that is
 * a subchart vendored in a parent's `charts/`, the parent (a vendored subchart renders with its parent,
 * never on its own). Every file of a chart (templates, values, Chart.yaml) is the chart's: none is
 * linted raw.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { KUSTOMIZATION_FILES } from "../manifests/detect.js";
import type { InputFile } from "../manifests/inputs.js";
import { isRecord } from "../manifests/resource.js";

export interface ChartDir {
  /** as findings show it */
  readonly display: string;
  readonly absolute: string;
  /** vendored for a kustomization's `helmCharts:`: rendered through that kustomization, never on its own */
  readonly inflatedByKustomize?: true;
}

export class ChartFinder {
  private readonly isChart = new Map<string, Promise<boolean>>();

  /** The chart (the outermost, when vendored) holding this file, looking no higher than the path given. */
  async chartOf(input: InputFile): Promise<ChartDir | undefined> {
    const displayParts = input.display.split(/[\\/]/);
    const absoluteParts = input.absolute.split(path.sep);
    // up to the directory the path was given from (a chart checked as `.` from inside it), never above
    const limit = Math.min(displayParts.length, absoluteParts.length - 1);
    let found: number | undefined;
    for (let up = 1; up <= limit; up++) {
      const dir = absoluteParts.slice(0, -up).join(path.sep);
      if (found === undefined) {
        if (await this.holdsChart(dir)) found = up;
        continue;
      }
      // a chart inside `<parent>/charts/` is the parent's: keep climbing past `charts`
      if (up === found + 1 && absoluteParts.at(-up) === "charts") continue;
      if (up === found + 2 && (await this.holdsChart(dir))) found = up;
      else if (up > found + 1) break;
    }
    if (found === undefined) return undefined;
    const absolute = absoluteParts.slice(0, -found).join(path.sep) || path.sep;
    return {
      display: displayParts.slice(0, -found).join("/") || ".",
      absolute,
      ...((await this.inKustomizeChartHome(absolute)) ? { inflatedByKustomize: true } : {}),
    };
  }

  /** A chart in `<dir>/charts/` beside a kustomization: the kustomization's `helmCharts:` inflates it. */
  private async inKustomizeChartHome(chart: string): Promise<boolean> {
    const home = path.dirname(chart);
    if (path.basename(home) !== "charts") return false;
    const owner = path.dirname(home);
    const found = await Promise.all(
      KUSTOMIZATION_FILES.map((name) =>
        stat(path.join(owner, name)).then(
          (info) => info.isFile(),
          () => false,
        ),
      ),
    );
    return found.includes(true);
  }

  private holdsChart(dir: string): Promise<boolean> {
    let known = this.isChart.get(dir);
    if (!known) {
      known = stat(path.join(dir, "Chart.yaml")).then(
        (info) => info.isFile(),
        () => false,
      );
      this.isChart.set(dir, known);
    }
    return known;
  }
}

export interface ChartMetadata {
  readonly name: string;
  /** dependencies Chart.yaml lists, with the line each is named on */
  readonly dependencies: readonly { readonly name: string; readonly alias?: string; readonly line: number }[];
  /** where they are listed: Chart.yaml, or requirements.yaml for apiVersion v1 charts */
  readonly dependenciesFile: string;
}

/**
 * Chart.yaml's name and dependencies (apiVersion v1 charts list them in requirements.yaml); a file that
 * does not parse gives the directory's name and no dependencies (helm says what is wrong).
 */
export async function readChartMetadata(chart: ChartDir): Promise<ChartMetadata> {
  const own = await readDependencies(chart, "Chart.yaml");
  const name = own.name ?? path.basename(chart.absolute);
  if (own.dependencies.length > 0) return { name, dependencies: own.dependencies, dependenciesFile: "Chart.yaml" };
  const legacy = await readDependencies(chart, "requirements.yaml");
  return {
    name,
    dependencies: legacy.dependencies,
    dependenciesFile: legacy.dependencies.length > 0 ? "requirements.yaml" : "Chart.yaml",
  };
}

async function readDependencies(
  chart: ChartDir,
  file: string,
): Promise<{ name?: string; dependencies: ChartMetadata["dependencies"] }> {
  const fallback = { dependencies: [] };
  const text = await readFile(path.join(chart.absolute, file), "utf8").catch(() => undefined);
  if (text === undefined) return fallback;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) return fallback;
  const spec = document.toJS() as unknown;
  if (!isRecord(spec)) return fallback;
  const dependencies = (Array.isArray(spec.dependencies) ? spec.dependencies : []).filter(isRecord).flatMap((entry) => {
    if (typeof entry.name !== "string") return [];
    const offset = Math.max(text.indexOf(`name: ${entry.name}`), text.indexOf(`name: "${entry.name}"`));
    const line = offset < 0 ? 1 : lineCounter.linePos(offset).line;
    return [{ name: entry.name, ...(typeof entry.alias === "string" ? { alias: entry.alias } : {}), line }];
  });
  return { ...(typeof spec.name === "string" ? { name: spec.name } : {}), dependencies };
}

/**
 * The dependencies with nothing in `charts/` to render them from (neither a directory with their
 * Chart.yaml nor a packed `.tgz`): helm refuses the chart then, and Plumbline never fetches them.
 */
export async function missingDependencies(chart: ChartDir, metadata: ChartMetadata): Promise<ChartMetadata["dependencies"]> {
  const entries = await readdir(path.join(chart.absolute, "charts")).catch(() => [] as string[]);
  const present = new Set<string>();
  for (const entry of entries) {
    if (entry.endsWith(".tgz")) present.add(entry.replace(/-\d[^-]*(-[^-]+)?\.tgz$/, "").replace(/\.tgz$/, ""));
    else {
      const name = await readChartMetadata({ display: entry, absolute: path.join(chart.absolute, "charts", entry) })
        .then((meta) => meta.name)
        .catch(() => entry);
      present.add(name);
      present.add(entry);
    }
  }
  return metadata.dependencies.filter((dependency) => !present.has(dependency.name));
}
