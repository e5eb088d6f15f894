import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  AnnotationSuppressor,
  DefaultPluginLoader,
  DisabledFixer,
  FingerprintSuppressor,
  MonokleValidator,
  processRefs,
  type Resource,
  ResourceParser,
  SchemaLoader,
} from "@monokle/validation";
import { LineCounter, parseAllDocuments } from "yaml";
import type { PhaseInput, PhaseOutput } from "./types.js";

/**
 * A validator as `createDefaultMonokleValidator()` builds it, except that plugins load only from the
 * package itself (DefaultPluginLoader): an unknown name can never turn into a download.
 */
export async function createMonokle(parser: ResourceParser, plugins: readonly string[]): Promise<MonokleValidator> {
  const validator = new MonokleValidator({
    loader: new DefaultPluginLoader(),
    parser,
    schemaLoader: new SchemaLoader(),
    suppressors: [new AnnotationSuppressor(), new FingerprintSuppressor()],
    fixer: new DisabledFixer(),
  });
  await validator.preload({ plugins: Object.fromEntries(plugins.map((name) => [name, true])) });
  if (validator.getFailedPlugins().length > 0)
    throw new Error(`monokle plugins failed: ${validator.getFailedPlugins().join(", ")}`);
  return validator;
}

/**
 * Files → Monokle resources, following what the Monokle CLI does (`extractK8sResources`): documents
 * with errors are dropped, anything with a string apiVersion and kind is a resource, and the
 * resource's text is the document re-serialised, which Monokle's parser reads again per plugin.
 */
export function extractResources(file: string, text: string): Resource[] {
  const lineCounter = new LineCounter();
  const resources: Resource[] = [];
  parseAllDocuments(text, { lineCounter, uniqueKeys: false, strict: false }).forEach((document, index) => {
    if (document.errors.length > 0) return;
    const content = document.toJS();
    if (!content || typeof content.apiVersion !== "string" || typeof content.kind !== "string") return;
    const line = lineCounter.linePos(document.range[0]).line;
    const name = content.metadata?.name;
    resources.push({
      // file and position are unique; Monokle's own ids are uuid v5 of file, kind and name
      id: `${file}#${index}`,
      fileId: file,
      filePath: file,
      fileOffset: line === 1 ? 0 : line,
      name: typeof name === "string" ? name : path.parse(file).name,
      apiVersion: content.apiVersion,
      kind: content.kind,
      namespace: typeof content.metadata?.namespace === "string" ? content.metadata.namespace : undefined,
      content,
      text: document.toString({ directives: false }),
    });
  });
  return resources;
}

/** Read, extract, link (`processRefs`, only when resource-links runs: nothing else reads links), validate. */
export async function runMonokle(monokle: PreparedMonokle, { dir, files }: PhaseInput): Promise<PhaseOutput> {
  monokle.parser.clear();
  const resources: Resource[] = [];
  for (const file of files) resources.push(...extractResources(path.relative(dir, file), await readFile(file, "utf8")));
  if (monokle.plugins.includes("resource-links")) processRefs(resources, monokle.parser);
  const response = await monokle.validator.validate({ resources });
  return { resources: resources.length, findings: response.runs.reduce((sum, run) => sum + run.results.length, 0) };
}

export interface PreparedMonokle {
  readonly validator: MonokleValidator;
  readonly parser: ResourceParser;
  readonly plugins: readonly string[];
  /** the plugins that are loaded and enabled, and how many of their rules are on */
  readonly details: { plugins: Record<string, { enabledRules: number; rules: number }> };
}

/** Builds and preloads a validator: Monokle's setup, kept out of the timed part (it is a few ms). */
export async function prepareMonokle(plugins: readonly string[]): Promise<PreparedMonokle> {
  const parser = new ResourceParser();
  const validator = await createMonokle(parser, plugins);
  const loaded = validator.getPlugins().filter((plugin) => plugin.enabled);
  const details = Object.fromEntries(
    loaded.map((plugin) => {
      const rules = validator.rules[plugin.metadata.name] ?? [];
      return [plugin.metadata.name, { enabledRules: rules.filter((r) => r.configuration.enabled).length, rules: rules.length }];
    }),
  );
  return { validator, parser, plugins, details: { plugins: details } };
}
