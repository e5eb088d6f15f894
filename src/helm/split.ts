/**
 * helm's output → resources: one document per `# Source: <chart>/templates/x.yaml` header, each object
 * located in its template (trace.ts) and told apart by value set; hooks and chart tests are objects
 * like any other, marked as hooks. NOTES.txt and partials never reach the output.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseManifestText } from "../manifests/parse.js";
import type { LoadProblem, RenderedBy, Resource } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";
import { walkTree } from "../manifests/walk.js";
import type { ChartDir, ChartMetadata } from "./charts.js";
import { DocumentTrace } from "./trace.js";
import type { ValueSet } from "./value-sets.js";
import { readValuesLayer, type ValuesLayer, ValuesScope } from "./values.js";

export interface Rendered {
  readonly text: string;
  /** per output line, the template line its marker names (absent when rendered without markers) */
  readonly lines: readonly (number | undefined)[] | undefined;
}

interface OutputDocument {
  /** `templates/x.yaml`, relative to the top chart's directory */
  readonly source: string;
  readonly text: string;
  readonly markers: (number | undefined)[] | undefined;
}

export async function splitRendered(
  rendered: Rendered,
  chart: ChartDir,
  metadata: ChartMetadata,
  set: ValueSet,
  release: string,
): Promise<{ resources: Resource[]; problems: LoadProblem[] }> {
  const scopes = new ScopeCache(chart, set);
  const templates = new Map<string, Promise<string[] | undefined>>();
  const perTemplate = new Map<string, number>();
  const resources: Resource[] = [];
  const problems: LoadProblem[] = [];
  const scope = `helm:${chart.display}:${set.name}`;
  const generatesValues = await usesGenerators(chart);
  for (const document of outputDocuments(rendered, metadata.name)) {
    let lines = templates.get(document.source);
    if (!lines) {
      lines = readFile(path.join(chart.absolute, document.source), "utf8").then(
        (text) => text.split("\n"),
        () => undefined,
      );
      templates.set(document.source, lines);
    }
    const templateLines = await lines;
    // a template that is not on disk comes from a packed subchart (charts/x.tgz): its objects are the
    // dependency's, named in Chart.yaml, not in a file the repository holds
    const template = path.join(chart.display, templateLines ? document.source : "Chart.yaml");
    const trace = new DocumentTrace({
      template,
      templateLines: templateLines ?? [],
      text: document.text,
      markers: document.markers,
      values: await scopes.of(document.source),
    });
    const index = perTemplate.get(template) ?? 0;
    perTemplate.set(template, index + 1);
    const parsed = parseManifestText(document.text, template, scope);
    for (const resource of parsed.resources) {
      const renderedBy: RenderedBy = {
        tool: "helm",
        root: chart.display,
        release,
        valueSet: set.name,
        ...hookOf(resource.object),
        ...(generatesValues ? { generatesValues } : {}),
      };
      resources.push({
        ...resource,
        renderedBy,
        source: {
          file: template,
          documentIndex: index,
          ...(resource.source.listIndex !== undefined ? { listIndex: resource.source.listIndex } : {}),
          locate: (pointer) => trace.locate(resource.source.locate(pointer)),
          valueSource: (pointer) => trace.valueSource(resource.object, pointer),
        },
      });
    }
    for (const problem of parsed.problems) {
      const at = trace.locate({ line: problem.line, column: problem.column });
      problems.push({
        ...problem,
        file: template,
        line: at.line,
        column: at.column,
        message: `${problem.message} (as rendered with values: ${set.name})`,
      });
    }
  }
  return { resources, problems };
}

const GENERATORS =
  /\b(rand(AlphaNum|Alpha|Numeric|Ascii|Bytes|Int)?|genCA|genPrivateKey|genSelfSignedCert|genSignedCert|uuidv4)\b/;

/** Whether any template of the chart (its subcharts' and partials included) calls a random or certificate generator. */
async function usesGenerators(chart: ChartDir): Promise<boolean> {
  const walked = await walkTree(chart.absolute).catch(() => ({ files: [] as string[] }));
  for (const relative of walked.files) {
    if (!relative.split(path.sep).includes("templates")) continue;
    const text = await readFile(path.join(chart.absolute, relative), "utf8").catch(() => "");
    if (GENERATORS.test(text)) return true;
  }
  return false;
}

function hookOf(object: Record<string, unknown>): { hook?: string } {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const hook = annotations["helm.sh/hook"];
  return typeof hook === "string" && hook.trim() !== "" ? { hook: hook.replace(/\s+/g, "") } : {};
}

/** The documents of helm's output, each with the template it came from (the chart name cut off). */
function outputDocuments(rendered: Rendered, chartName: string): OutputDocument[] {
  const lines = rendered.text.split("\n");
  const out: OutputDocument[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const body = lines.slice(start, end);
    const header = body.findIndex((line) => line.startsWith("# Source: "));
    if (header >= 0) {
      const full = (body[header] as string).slice("# Source: ".length).trim();
      const source = full.startsWith(`${chartName}/`) ? full.slice(chartName.length + 1) : full;
      out.push({ source, text: body.join("\n"), markers: rendered.lines?.slice(start, end) });
    }
  };
  lines.forEach((line, index) => {
    if (line === "---") {
      flush(index);
      start = index + 1;
    }
  });
  flush(lines.length);
  return out;
}

/** The values a template sees: the top chart's, or a vendored subchart's under its section of them. */
class ScopeCache {
  private top: Promise<ValuesScope> | undefined;
  private readonly subcharts = new Map<string, Promise<ValuesScope>>();

  constructor(
    private readonly chart: ChartDir,
    private readonly set: ValueSet,
  ) {}

  of(source: string): Promise<ValuesScope> {
    const parts = source.split("/");
    // `charts/<sub>/templates/…` is a vendored subchart's (deeper nesting is traced as the first level)
    if (parts[0] === "charts" && parts.length > 3) {
      const name = parts[1] as string;
      let scope = this.subcharts.get(name);
      if (!scope) {
        scope = (async () => {
          const own = await readValuesLayer(
            path.join(this.chart.absolute, "charts", name, "values.yaml"),
            path.join(this.chart.display, "charts", name, "values.yaml"),
          );
          return (await this.topScope()).subchart(name, own);
        })();
        this.subcharts.set(name, scope);
      }
      return scope;
    }
    return this.topScope();
  }

  private topScope(): Promise<ValuesScope> {
    this.top ??= (async () => {
      const layers: ValuesLayer[] = [];
      const own = await readValuesLayer(
        path.join(this.chart.absolute, "values.yaml"),
        path.join(this.chart.display, "values.yaml"),
      );
      if (own) layers.push(own);
      for (const file of this.set.values) {
        const layer = await readValuesLayer(file.absolute, file.display);
        if (layer) layers.push(layer);
      }
      if (this.set.set) layers.push({ object: this.set.set, prefix: [] });
      return new ValuesScope(layers);
    })();
    return this.top;
  }
}
