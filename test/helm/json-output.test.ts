/** `-f json` on a chart: each finding names the values line behind it, in the documented shape. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { renderJson } from "../../src/report/json.js";
import { helmBinary, withHelmOnPath } from "../support/helm.js";

const helm = helmBinary();
const SHOP = "test/fixtures/helm/shop";
const schema = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../docs/schema/check-output.schema.json"), "utf8"),
) as object;

describe.skipIf(!helm.dir)("JSON output of a chart", () => {
  it("carries valueSource (file, line, column) and matches docs/schema/check-output.schema.json", async () => {
    const { findings, summary } = await withHelmOnPath(() => check([SHOP]));
    const report = JSON.parse(renderJson(findings, summary)) as { findings: Record<string, unknown>[] };
    const replicas = report.findings.find((f) => f.rule === "replicas-too-few" && f.file === `${SHOP}/templates/deployment.yaml`);
    expect(replicas?.valueSource).toEqual({ file: `${SHOP}/values.yaml`, line: 2, column: 1 });
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  }, 60_000);
});

if (!helm.dir)
  describe("JSON output of a chart", () => {
    it("needs the packaged helm", (context) => context.skip(helm.missing));
  });
