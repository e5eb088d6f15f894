import { ALL_RULES } from "./registry.js";
import { DOCS_BASE } from "./types.js";

/**
 * Built-in rules each have a page, and so do admission policies (`admission-policy`, the id the policy
 * findings use); a repository's own CEL rules carry ids we cannot know, and share the custom-rules page.
 */
const OWN_PAGES: ReadonlySet<string> = new Set([...ALL_RULES.map((rule) => rule.id), "admission-policy"]);

export function docsUrl(id: string): string {
  return `${DOCS_BASE}/${OWN_PAGES.has(id) ? id : "custom"}.md`;
}
