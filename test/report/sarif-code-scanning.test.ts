import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CheckOptions, check } from "../../src/check.js";
import { readSarifSources } from "../../src/cli/sarif-sources.js";
import { applyPatchToYaml } from "../../src/edit/index.js";
import { ruleHelpMarkdown } from "../../src/report/rule-help-page.js";
import { renderCheckSarif } from "../../src/report/sarif-check.js";
import { SourceView } from "../../src/report/sarif-source.js";
import { ALL_RULES } from "../../src/rules/registry.js";
import { DOCS_BASE } from "../../src/rules/types.js";
import { deployment, run, tempTree } from "../cli/helpers.js";
import { hasKubectl } from "../support/kubectl.js";
import { githubSarifProblems } from "./sarif-github.js";
import { sarifValidator } from "./sarif-schema.js";

const validate = sarifValidator();
const repo = path.resolve(import.meta.dirname, "../..");

// biome-ignore lint/suspicious/noExplicitAny: the parsed log is walked field by field
type Json = any;

/** `plumbline check --format sarif` as the CLI renders it, checked against the schema and GitHub's rules. */
async function sarifOf(dir: string, paths: string[], options: CheckOptions & { category?: string } = {}): Promise<Json> {
  const result = await check(paths, { cwd: dir, root: dir, ...options });
  const sources = await readSarifSources(result, { cwd: dir, stdin: async () => "" });
  const text = renderCheckSarif(result, {
    sources,
    root: dir,
    ...(options.category !== undefined ? { category: options.category } : {}),
  });
  const log = JSON.parse(text) as Json;
  expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  expect(githubSarifProblems(log, { lineHashes: true })).toEqual([]);
  return log;
}

const resultsOf = (log: Json, rule: string): Json[] => log.runs[0].results.filter((r: Json) => r.ruleId === rule);

const CPU_LIMITED = deployment("web", "nginx:1.27").replace(
  "            limits:\n",
  "            limits:\n              cpu: 500m\n",
);

describe("SARIF for code scanning", () => {
  it("gives each result GitHub's line hash, which stays when the object's block moves in the file", async () => {
    const config = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  a: b\n";
    const web = deployment("web", "nginx:latest");
    const before = await sarifOf(await tempTree({ "app.yaml": `${web}---\n${config}` }), ["app.yaml"]);
    const after = await sarifOf(await tempTree({ "app.yaml": `${config}---\n${web}` }), ["app.yaml"]);
    const [a] = resultsOf(before, "image-tag-latest");
    const [b] = resultsOf(after, "image-tag-latest");
    expect(b.locations[0].physicalLocation.region.startLine).toBe(a.locations[0].physicalLocation.region.startLine + 8);
    expect(a.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]+:1$/);
    expect(b.partialFingerprints).toEqual(a.partialFingerprints);
  });

  it("spans the key and its value: one line for a scalar, the whole block for a mapping", async () => {
    const log = await sarifOf(await tempTree({ "app.yaml": CPU_LIMITED }), ["app.yaml"]);
    const [latest] = resultsOf(
      await sarifOf(await tempTree({ "a.yaml": deployment("a", "nginx:latest") }), ["a.yaml"]),
      "image-tag-latest",
    );
    // `          image: nginx:latest` is line 18: the key at column 11, the value's last character at 29
    expect(latest.locations[0].physicalLocation.region).toEqual({ startLine: 18, startColumn: 11, endLine: 18, endColumn: 30 });
    const [cpu] = resultsOf(log, "cpu-limit-set");
    const region = cpu.locations[0].physicalLocation.region;
    const lines = CPU_LIMITED.split("\n");
    expect(lines[region.startLine - 1]?.slice(region.startColumn - 1)).toMatch(/^(cpu|limits):/);
    expect(region.endColumn).toBe((lines[region.endLine - 1]?.trimEnd().length ?? 0) + 1);
    // a key whose value is a block ends where the block does: readinessProbe (line 23) to `port: 8080` (line 26)
    const view = new SourceView(deployment("a", "nginx:1.27"));
    expect(view.line(23)).toBe("          readinessProbe:");
    expect(view.regionEnd(23, 11)).toEqual({ endLine: 26, endColumn: 25 });
    // where no key starts (the dash of a list item), the line's content
    expect(view.regionEnd(17, 9)).toEqual({ endLine: 17, endColumn: 20 });
  });

  it("names the object as a logical location, with apiVersion, kind, namespace and name", async () => {
    const log = await sarifOf(await tempTree({ "app.yaml": deployment("web", "nginx:latest") }), ["app.yaml"]);
    expect(resultsOf(log, "image-tag-latest")[0].locations[0].logicalLocations).toEqual([
      {
        name: "web",
        fullyQualifiedName: "apps/v1/Deployment/shop/web",
        kind: "resource",
        properties: { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" },
      },
    ]);
  });

  it.skipIf(!hasKubectl)("tells apart two overlays of one base that report at the same line (needs kubectl)", async () => {
    const base = deployment("web", "nginx:latest").replace("  namespace: shop\n", "");
    const dir = await tempTree({
      "base/deploy.yaml": base,
      "base/kustomization.yaml": "resources: [deploy.yaml]\n",
      "overlays/staging/kustomization.yaml": "namespace: staging\nresources: [../../base]\n",
      "overlays/prod/kustomization.yaml": "namespace: prod\nnamePrefix: prod-\nresources: [../../base]\n",
    });
    const log = await sarifOf(dir, ["overlays/staging", "overlays/prod"]);
    // one finding per overlay at the base's line (findings the overlays share word for word are merged)
    const latest = resultsOf(log, "network-policy-missing");
    const names = latest.map((r: Json) => r.locations[0].logicalLocations[0].fullyQualifiedName).sort();
    const lines = new Set(latest.map((r: Json) => r.locations[0].physicalLocation.region.startLine));
    expect(lines.size).toBe(1);
    expect(names).toEqual(["apps/v1/Deployment/prod/prod-web", "apps/v1/Deployment/staging/web"]);
    expect(new Set(latest.map((r: Json) => r.partialFingerprints["plumbline/v1"])).size).toBe(2);
  });

  it("gives every rule its documentation page as help.markdown and GitHub's problem.severity", async () => {
    const log = await sarifOf(await tempTree({ "app.yaml": deployment("web", "nginx:1.27") }), ["app.yaml"]);
    const rules: Json[] = log.runs[0].tool.driver.rules;
    const severity = { error: "error", warning: "warning", info: "recommendation" } as const;
    for (const rule of ALL_RULES) {
      const descriptor = rules.find((r) => r.id === rule.id);
      expect(descriptor.properties["problem.severity"]).toBe(severity[rule.severity]);
      const markdown: string = descriptor.help.markdown;
      for (const section of ["## Why it matters", "## Bad", "## Good", "## Fix"]) expect(markdown, rule.id).toContain(section);
      expect(markdown).not.toContain("## Compared with other tools");
      // links lead to the docs, not to a file beside the alert
      expect(markdown).not.toMatch(/\]\((?!https?:|#)/);
    }
  });

  it("ships help that matches docs/rules (node scripts/generate-rule-help.js rebuilds it)", async () => {
    const { default: shipped } = await import("../../src/report/rule-help.json", { with: { type: "json" } });
    const pages = readdirSync(path.join(repo, "docs/rules")).filter((name) => name.endsWith(".md"));
    const fromDocs = Object.fromEntries(
      pages.map((name) => [
        name.slice(0, -3),
        ruleHelpMarkdown(readFileSync(path.join(repo, "docs/rules", name), "utf8"), DOCS_BASE),
      ]),
    );
    expect(shipped).toEqual(fromDocs);
  });

  it("anchors URIs at %SRCROOT%, which originalUriBaseIds resolves to the repository root", async () => {
    const dir = await tempTree({ "deploy/app.yaml": deployment("web", "nginx:latest") });
    const log = await sarifOf(dir, ["deploy"]);
    expect(log.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe(`${new URL(`file://${dir}/`).href}`);
    expect(resultsOf(log, "image-tag-latest")[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "deploy/app.yaml",
      uriBaseId: "%SRCROOT%",
    });
  });

  it("shows an opted-out finding as an inSource suppression with the annotation as justification", async () => {
    const waived = deployment("web", "nginx:latest").replace(
      "  namespace: shop\n",
      "  namespace: shop\n  annotations:\n    plumbline.dev/ignore: image-tag-latest\n",
    );
    const dir = await tempTree({ "app.yaml": waived });
    const log = await sarifOf(dir, ["app.yaml"]);
    const latest = resultsOf(log, "image-tag-latest");
    expect(latest).toHaveLength(1);
    expect(latest[0].suppressions).toEqual([
      { kind: "inSource", status: "accepted", justification: "plumbline.dev/ignore: image-tag-latest" },
    ]);
    // never counted: the text report and the exit code do not see it
    const text = await run(dir, ["check", "app.yaml", "--fail-on", "warning"]);
    expect(text.stdout).not.toContain("image-tag-latest");
    const others = log.runs[0].results.filter((r: Json) => r.ruleId !== "image-tag-latest");
    for (const result of others) expect(result.suppressions).toBeUndefined();
  });

  it("carries a finding's fix as replacements that make what the edit engine makes", async () => {
    const dir = await tempTree({ "app.yaml": CPU_LIMITED });
    const log = await sarifOf(dir, ["app.yaml"]);
    const [cpu] = resultsOf(log, "cpu-limit-set");
    const [fix] = cpu.fixes;
    expect(fix.description.text).toMatch(/^Unsafe fix/);
    const [change] = fix.artifactChanges;
    expect(change.artifactLocation).toEqual({ uri: "app.yaml", uriBaseId: "%SRCROOT%" });
    const applied = applyReplacements(CPU_LIMITED, change.replacements);
    const { findings } = await check(["app.yaml"], { cwd: dir });
    const finding = findings.find((f) => f.rule === "cpu-limit-set");
    expect(applied).toBe(applyPatchToYaml(CPU_LIMITED, { documentIndex: 0 }, finding?.fix ?? []).text);
    expect(applied).not.toContain("cpu: 500m");
  });

  it("reports a missing kubectl as a tool notification, not as an alert", async () => {
    const dir = await tempTree({
      "k/kustomization.yaml": "resources: [deploy.yaml]\n",
      "k/deploy.yaml": deployment("web", "nginx:1.27"),
    });
    const log = await sarifOf(dir, ["k"], { kubectl: path.join(dir, "no-such-kubectl") });
    expect(log.runs[0].results.filter((r: Json) => /kubectl/.test(r.message.text))).toEqual([]);
    const [notification] = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notification.level).toBe("warning");
    expect(notification.message.text).toMatch(/kubectl is not on PATH/);
    expect(notification.locations[0].physicalLocation.artifactLocation.uri).toBe("k/kustomization.yaml");
  });

  it("reports a missing helm as a tool notification, not as an alert", async () => {
    const dir = await tempTree({
      "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
      "chart/values.yaml": "image: nginx\n",
      "chart/templates/deploy.yaml": deployment("web", "{{ .Values.image }}"),
    });
    const result = await check(["chart"], { cwd: dir, root: dir, helm: path.join(dir, "no-such-helm") });
    expect(result.findings.map((f) => f.rule)).toContain("helm-not-found");
    const log = await sarifOf(dir, ["chart"], { helm: path.join(dir, "no-such-helm") });
    expect(resultsOf(log, "helm-not-found")).toEqual([]);
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications).toHaveLength(1);
    expect(notifications[0].message.text).toBe(result.findings.find((f) => f.rule === "helm-not-found")?.message);
  });

  it("sets automationDetails.id from --sarif-category, ending in / as upload-sarif does", async () => {
    const dir = await tempTree({ "app.yaml": deployment("web", "nginx:1.27") });
    const out = await run(dir, ["check", "app.yaml", "-f", "sarif", "--sarif-category", "plumbline/prod"]);
    const log = JSON.parse(out.stdout) as Json;
    expect(log.runs[0].automationDetails).toEqual({ id: "plumbline/prod/" });
    expect(githubSarifProblems(log, { lineHashes: true })).toEqual([]);
    const none = JSON.parse((await run(dir, ["check", "app.yaml", "-f", "sarif"])).stdout) as Json;
    expect(none.runs[0].automationDetails).toBeUndefined();
    const wrong = await run(dir, ["check", "app.yaml", "--sarif-category", "x"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--sarif-category only goes with --format sarif");
    const blank = await run(dir, ["check", "app.yaml", "-f", "sarif", "--sarif-category", " "]);
    expect(blank.code).toBe(2);
  });
});

describe("the GitHub rules checker", () => {
  it("rejects what code scanning would drop or refuse", async () => {
    const log = await sarifOf(await tempTree({ "app.yaml": deployment("web", "nginx:latest") }), ["app.yaml"]);
    const broken = structuredClone(log);
    broken.runs[0].results[0].ruleId = "no-such-rule";
    broken.runs[0].results[1].partialFingerprints = {};
    broken.runs[0].tool.driver.rules[0].properties["problem.severity"] = "fatal";
    broken.runs[0].automationDetails = { id: "" };
    const problems = githubSarifProblems(broken, { lineHashes: true });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("ruleId has no rule"),
        expect.stringContaining("primaryLocationLineHash"),
        expect.stringContaining("problem.severity"),
        expect.stringContaining("automationDetails.id"),
      ]),
    );
  });
});

/** Applies SARIF replacements (whole-line regions, 1-based) to a text, last first. */
function applyReplacements(text: string, replacements: Json[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const offset = (line: number, column: number) => (starts[line - 1] ?? text.length) + column - 1;
  let result = text;
  for (const { deletedRegion: r, insertedContent } of [...replacements].reverse()) {
    const from = offset(r.startLine, r.startColumn);
    const to = offset(r.endLine, r.endColumn);
    result = result.slice(0, from) + insertedContent.text + result.slice(to);
  }
  return result;
}
