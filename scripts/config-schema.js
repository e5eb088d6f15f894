#!/usr/bin/env node
// Writes docs/schema/plumbline.schema.json: the JSON Schema of .github/plumbline.yml exactly as the code
// validates with (src/config/schema.ts, assembled from each section's piece), for editors to complete
// and check the file through `# yaml-language-server: $schema=…` (README, Configuration). Run after
// changing the schema; `--check` exits 1 when the file is stale (test/config/published-schema.test.ts
// runs that). The pieces import each other with `.js` names, so esbuild bundles them first.
//
//   node scripts/config-schema.js            writes the file (npm run schema)
//   node scripts/config-schema.js --check    compares only
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "docs", "schema", "plumbline.schema.json");

const bundled = await build({
  absWorkingDir: root,
  entryPoints: ["./src/config/schema.ts"],
  bundle: true,
  format: "esm",
  platform: "node",
  write: false,
  logLevel: "error",
});
const code = bundled.outputFiles[0].text;
const { CONFIG_SCHEMA } = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
const text = `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== text) {
    console.error("docs/schema/plumbline.schema.json is stale: run npm run schema");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
