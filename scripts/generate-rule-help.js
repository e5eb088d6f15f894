#!/usr/bin/env node
// Regenerates src/report/rule-help.json, each rule's documentation page (docs/rules/*.md) as the SARIF
// help text code scanning shows on an alert. The CLI and the Action ship without docs/, so the text is
// built in. Run after editing a rule's page; `--check` exits 1 when the file is stale
// (test/report/rule-help.test.ts checks the same). Needs Node >= 22.18 (it runs a .ts file).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ruleHelpMarkdown } from "../src/report/rule-help-page.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const docs = path.join(here, "../docs/rules");
const target = path.join(here, "../src/report/rule-help.json");
const DOCS_BASE = "https://github.com/plumbline-dev/plumbline/blob/main/docs/rules";

const help = {};
for (const file of readdirSync(docs)
  .filter((name) => name.endsWith(".md"))
  .sort()) {
  help[file.slice(0, -3)] = ruleHelpMarkdown(readFileSync(path.join(docs, file), "utf8"), DOCS_BASE);
}
const text = `${JSON.stringify(help, null, 1)}\n`;
if (process.argv.includes("--check")) {
  if (readFileSync(target, "utf8") !== text) {
    console.error("src/report/rule-help.json is stale: run node scripts/generate-rule-help.js");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
