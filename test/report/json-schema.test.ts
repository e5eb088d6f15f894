import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { BINARY_FILE, BROKEN_YAML, deployment, run, tempTree } from "../cli/helpers.js";

const repo = path.resolve(import.meta.dirname, "../..");
const schema = JSON.parse(readFileSync(path.join(repo, "docs/schema/check-output.schema.json"), "utf8")) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

// biome-ignore lint/suspicious/noExplicitAny: test edits reach into the parsed report
type Report = Record<string, any>;

const CPU_LIMITED = deployment("web", "nginx:latest").replace(
  "            limits:\n",
  "            limits:\n              cpu: 500m\n",
);

async function jsonReport(files: Record<string, string | Buffer>): Promise<Record<string, unknown>> {
  const dir = await tempTree(files);
  const result = await run(dir, ["check", ".", "-f", "json", "--fail-on", "none"]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe("docs/schema/check-output.schema.json", () => {
  it("describes real output: findings with and without fixes, file problems with null identities, scores", async () => {
    const report = await jsonReport({
      "web.yaml": CPU_LIMITED,
      "bad.yaml": BROKEN_YAML,
      "blob.yaml": BINARY_FILE,
      "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n",
    });
    expect(report.version).toBe(1);
    const findings = report.findings as Record<string, unknown>[];
    expect(findings.some((finding) => finding.fix)).toBe(true);
    expect(findings.some((finding) => (finding.resource as { kind: unknown }).kind === null)).toBe(true);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it("describes the output of nothing checked", async () => {
    const report = await jsonReport({ "notes.txt": "hello\n" });
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects what the output never holds", async () => {
    const report = await jsonReport({ "web.yaml": CPU_LIMITED });
    const cases: ((copy: Report) => void)[] = [
      (copy) => delete copy.version,
      (copy) => (copy.version = 2),
      (copy) => (copy.extra = true),
      (copy) => (copy.findings[0].severity = "fatal"),
      (copy) => (copy.findings[0].line = 0),
      (copy) => delete copy.findings[0].fingerprint,
      (copy) => delete copy.findings.find((f: { fix?: unknown }) => f.fix).fixApplicability,
      (copy) => (copy.summary.kubernetesVersion = "latest"),
    ];
    for (const change of cases) {
      const copy = structuredClone(report) as Report;
      change(copy);
      expect(validate(copy), change.toString()).toBe(false);
    }
  });
});
