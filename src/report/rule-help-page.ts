/**
 * A rule's documentation page (docs/rules/<id>.md) as SARIF `help.markdown`: what code scanning shows
 * under "Show more" on an alert. Its sections on why, a bad and a good example, the fix and how to opt
 * out; the comparison with other linters is for readers of the docs, not for someone fixing an alert.
 * Relative links are made absolute, since the alert page is not beside the docs.
 * No imports: scripts/generate-rule-help.js runs this file directly.
 */

const KEPT_SECTIONS = ["Why it matters", "Bad", "Good", "Fix", "Opting out"];

export function ruleHelpMarkdown(page: string, docsBase: string): string {
  const sections = splitSections(page.replaceAll("\r\n", "\n"));
  const kept = sections.filter((section) => section.heading === undefined || KEPT_SECTIONS.includes(section.heading));
  const text = kept
    .map((section) => section.text.trimEnd())
    .join("\n\n")
    .trim();
  return absoluteLinks(text, docsBase);
}

interface Section {
  /** undefined for what comes before the first `## ` heading (the title and the summary line) */
  readonly heading: string | undefined;
  readonly text: string;
}

/** Splits at level-2 headings outside code fences. */
function splitSections(page: string): Section[] {
  const sections: Section[] = [];
  let heading: string | undefined;
  let lines: string[] = [];
  let fenced = false;
  for (const line of page.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const match = fenced ? null : /^## (.+)$/.exec(line);
    if (match) {
      sections.push({ heading, text: lines.join("\n") });
      heading = match[1]?.trim();
      lines = [];
    }
    lines.push(line);
  }
  sections.push({ heading, text: lines.join("\n") });
  return sections;
}

/** `[x](pdb-missing.md)` → `[x](<base>/pdb-missing.md)`; `../scopes.md` resolves against the docs folder. */
function absoluteLinks(markdown: string, docsBase: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) return whole;
    return `](${new URL(target, `${docsBase}/`).href})`;
  });
}
