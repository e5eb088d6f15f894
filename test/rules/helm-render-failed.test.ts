import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { parseConfig } from "../../src/config/parse.js";
import { helmBinary, withHelmOnPath } from "../support/helm.js";

const RULE = "helm-render-failed";
const CHART = "test/fixtures/helm/needs-db";
const helm = helmBinary();

const twoSets = parseConfig(
  `helm:\n  charts:\n    - path: ${CHART}\n    - path: ${CHART}\n      values: [values-prod.yaml]\n`,
  "plumbline.yml",
);

describe.skipIf(!helm.dir)(RULE, () => {
  it("reports helm's own message (a required value) once, at the chart, naming the value set", async () => {
    const { findings } = await withHelmOnPath(() => check([CHART], { config: twoSets }));
    const failed = findings.filter((f) => f.rule === RULE);
    expect(failed).toEqual([expect.objectContaining({ severity: "error", file: `${CHART}/Chart.yaml`, line: 1, column: 1 })]);
    expect(failed[0]?.message).toBe(
      "helm template failed: execution error at (needs-db/templates/configmap.yaml:6:11): db.host is required (values: values.yaml)",
    );
    // the production value set sets db.host: it renders, and its ConfigMap is checked
    expect(findings.filter((f) => f.rule !== RULE)).toEqual([]);
  }, 60_000);

  it("reports at the value set's own values file, with the same text on every run (no temporary paths)", async () => {
    const broken = parseConfig(`helm:\n  charts:\n    - path: ${CHART}\n      values: [values-missing.yaml]\n`, "plumbline.yml");
    const once = await withHelmOnPath(() => check([CHART], { config: broken }));
    const again = await withHelmOnPath(() => check([CHART], { config: broken }));
    expect(once.findings.map((f) => [f.rule, f.file])).toEqual([[RULE, `${CHART}/values-missing.yaml`]]);
    expect(once.findings[0]?.message).not.toMatch(/plumbline-helm-|\/tmp\//);
    expect(again.findings[0]?.message).toBe(once.findings[0]?.message);
    expect(again.findings[0]?.fingerprint).toBe(once.findings[0]?.fingerprint);
  }, 60_000);
});

if (!helm.dir)
  describe(RULE, () => {
    it("needs the packaged helm", (context) => context.skip(helm.missing));
  });
