/** Quick looks at raw file content, before any parsing. */

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
