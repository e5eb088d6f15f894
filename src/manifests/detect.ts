/** Quick looks at raw file content, and at where template syntax stands in the parsed YAML. */

import { isCollection, isMap, isPair, isScalar, type Node } from "yaml";

const TEMPLATE_ACTION = /\{\{-?\s*[\w.$"(/|-]/;

/**
 * Helm (or other Go-template) sources are not manifests until rendered: linting them raw gives only
 * false alarms, so they are recognised and left alone. Comments are ignored so a `{{ }}` in a
 * `# comment` does not hide a real manifest.
 */
export function isGoTemplate(text: string): boolean {
  if (!text.includes("{{")) return false;
  return text.split("\n").some((line) => {
    const code = line.trimStart().startsWith("#") ? "" : line;
    return TEMPLATE_ACTION.test(code);
  });
}

/**
 * Whether `{{ }}` stands where YAML structure is in a document that parsed: in a key, or as a whole
 * value (`replicas: {{ .Values.n }}` reads as a flow mapping). `{{ }}` inside a string (a Grafana
 * dashboard, an Alertmanager template, a PrometheusRule's description) is data: the file is a manifest.
 */
export function hasTemplateStructure(root: Node | null, text: string): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node) && node.flow && node.range && text.startsWith("{{", node.range[0])) return true;
    if (!isCollection(node)) continue;
    for (const item of node.items) {
      if (isPair(item)) {
        if (isScalar(item.key) && String(item.key.value).includes("{{")) return true;
        stack.push(item.key, item.value);
      } else stack.push(item);
    }
  }
  return false;
}

/** A NUL byte in the first 8 KiB is how git, grep and diff tell binary files too. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8192).includes(0);
}

export const MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"] as const;

export function hasManifestExtension(file: string): boolean {
  const lower = file.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;
