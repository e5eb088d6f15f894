import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { parseConfig } from "../../src/config/parse.js";

const RULE = "helm-not-found";
const FIXTURES = "test/fixtures/helm";
/** a helm that cannot exist, so the test means the same with or without helm installed */
const NO_HELM = "plumbline-test-no-such-helm";

describe(RULE, () => {
  it("says once per chart, at its Chart.yaml, that helm is needed: never silent, never per value set", async () => {
    const config = parseConfig(
      "helm:\n  charts:\n    - path: test/fixtures/helm/shop\n    - path: test/fixtures/helm/shop\n      values: [values-prod.yaml]\n",
      "plumbline.yml",
    );
    const { findings, manifests } = await check([`${FIXTURES}/shop`, `${FIXTURES}/needs-db`], {
      config,
      helm: NO_HELM,
    });
    expect(manifests.resources).toEqual([]);
    expect(findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([
      [RULE, "info", `${FIXTURES}/needs-db/Chart.yaml`, 1],
      [RULE, "info", `${FIXTURES}/shop/Chart.yaml`, 1],
    ]);
    expect(findings[0]?.message).toContain("helm is needed");
  });

  it("can be switched off like any rule", async () => {
    const config = parseConfig(`rules:\n  ${RULE}: off\n`, "plumbline.yml");
    const { findings } = await check([`${FIXTURES}/needs-db`], { config, helm: NO_HELM });
    expect(findings).toEqual([]);
  });
});
