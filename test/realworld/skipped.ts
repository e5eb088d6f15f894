/**
 * "Valid manifests skipped without a notice": a file that holds a Kubernetes object as a YAML reader reads
 * it, from which Plumbline read no resource and about which it reported nothing. Kustomize patches and
 * generator/transformer configs are not objects on their own, so files a kustomization names in those
 * fields are left out; a file only a kustomization's `resources` names is an object and counts.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { isCollection, isPair, parseAllDocuments, visit } from "yaml";
import type { CheckResult } from "../../src/check.js";
import type { Finding } from "../../src/findings/finding.js";

const KUSTOMIZATION_FILES = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);
/** kustomization fields whose files are inputs to the build but not objects of their own */
const NOT_OBJECT_FIELDS = [
  "patchesStrategicMerge",
  "patches",
  "patchesJson6902",
  "configurations",
  "crds",
  "generators",
  "transformers",
  "validators",
  "replacements",
];

export async function silentlySkipped(repoDir: string, result: CheckResult, findings: readonly Finding[]): Promise<string[]> {
  const files = await glob("**/*.{yaml,yml,json,YAML,YML,JSON}", {
    cwd: repoDir,
    onlyFiles: true,
    ignore: ["**/node_modules/**", "**/.git/**"],
  });
  const texts = new Map(
    await Promise.all(files.map(async (file) => [file, await readFile(path.join(repoDir, file), "utf8")] as const)),
  );
  const notObjects = new Set<string>();
  for (const [file, text] of texts) {
    if (KUSTOMIZATION_FILES.has(path.posix.basename(file))) for (const used of kustomizeInputs(file, text)) notObjects.add(used);
  }
  const mentioned = new Set<string>(findings.map((finding) => finding.file));
  for (const resource of result.manifests.resources) mentioned.add(posix(resource.source.file));
  for (const problem of result.manifests.problems) mentioned.add(posix(problem.file));
  // a finding on a kustomization (a failed build) speaks for the files of its directory
  const reportedBuilds = [...mentioned]
    .filter((file) => KUSTOMIZATION_FILES.has(path.posix.basename(file)))
    .map((file) => `${path.posix.dirname(file)}/`);
  const isMentioned = (file: string) => mentioned.has(file) || reportedBuilds.some((dir) => dir === "./" || file.startsWith(dir));

  return files.filter((file) => !isMentioned(file) && !notObjects.has(file) && holdsObject(texts.get(file) ?? "")).sort();
}

/** Whether the text reads (leniently, as kubectl's reader does) as at least one whole Kubernetes object. */
function holdsObject(text: string): boolean {
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, logLevel: "error" });
  } catch {
    return false;
  }
  if (!Array.isArray(documents)) return false;
  return documents.some((document) => document.errors.length === 0 && !hasTemplateSyntax(document) && isObject(safeJs(document)));
}

/**
 * `cell: {{cell}}` or `image: {{ .Values.image }}` parse as YAML, but as a flow mapping used as a key: a
 * template's placeholder where structure belongs, not a manifest until rendered. `{{ }}` inside a string
 * (an alert's description, a dashboard, a shell script) is data, and the file is a manifest.
 */
function hasTemplateSyntax(document: ReturnType<typeof parseAllDocuments>[number]): boolean {
  let found = false;
  visit(document, {
    Pair(_, pair) {
      if (isPair(pair) && isCollection(pair.key)) found = true;
      return found ? visit.BREAK : undefined;
    },
  });
  return found;
}

function safeJs(document: ReturnType<typeof parseAllDocuments>[number] & { toJS?: unknown }): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const { apiVersion, kind, metadata } = value as Record<string, unknown>;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return false;
  if (apiVersion.startsWith("kustomize.config.k8s.io/") || kind === "Kustomization" || kind === "Component") return false;
  const { items } = value as Record<string, unknown>;
  if (kind.endsWith("List")) return Array.isArray(items) && items.some(isObject);
  const name = (metadata as Record<string, unknown> | null | undefined)?.name;
  return typeof name === "string";
}

/** Files (relative to the repository) that a kustomization uses as patches or configuration. */
function kustomizeInputs(kustomizationFile: string, text: string): string[] {
  let spec: unknown;
  try {
    spec = parseAllDocuments(text, { uniqueKeys: false, logLevel: "error" })[0]?.toJS();
  } catch {
    return [];
  }
  if (spec === null || typeof spec !== "object") return [];
  const dir = path.posix.dirname(kustomizationFile);
  const used: string[] = [];
  for (const field of NOT_OBJECT_FIELDS) {
    const entries = (spec as Record<string, unknown>)[field];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const ref = typeof entry === "string" ? entry : (entry as { path?: unknown } | null)?.path;
      if (typeof ref === "string" && !ref.includes("\n") && !ref.includes("://"))
        used.push(path.posix.normalize(path.posix.join(dir, ref)));
    }
  }
  return used;
}

function posix(file: string): string {
  return file.split(path.sep).join("/").replace(/^\.\//, "");
}
