import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import type { Finding } from "../../src/findings/finding.js";
import { artifactUri, repositoryUri } from "../../src/report/artifact-uri.js";
import { FINGERPRINT_KEY, renderSarif, type SarifRule } from "../../src/report/sarif.js";
import { docsUrl } from "../../src/rules/docs-url.js";
import { ALL_RULES } from "../../src/rules/registry.js";
import { BINARY_FILE, BROKEN_YAML, deployment, tempTree } from "../cli/helpers.js";
import { githubSarifProblems } from "./sarif-github.js";
import { sarifValidator } from "./sarif-schema.js";

const validate = sarifValidator();

interface SarifRuleJson {
  id: string;
  name: string;
  properties: { tags: string[]; "security-severity"?: string };
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRuleJson[] } };
    results: {
      ruleId: string;
      ruleIndex?: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> };
      }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

function expectValid(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expect(githubSarifProblems(log)).toEqual([]);
  return log;
}

async function realFindings(): Promise<Finding[]> {
  const dir = await tempTree({
    "deploy/web.yaml": deployment("web", "nginx:latest"),
    "deploy/broken.yaml": BROKEN_YAML,
    "deploy/blob.yaml": BINARY_FILE,
  });
  const { findings } = await check(["deploy"], { cwd: dir });
  return findings;
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: "image-tag-latest",
    severity: "warning",
    file: "app.yaml",
    line: 7,
    column: 5,
    resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: null, name: "web" },
    message: "uses :latest",
    fingerprint: "0123456789abcdef",
    path: "/spec",
    ...overrides,
  };
}

describe("SARIF output", () => {
  it("is valid SARIF 2.1.0 for real findings, one result each with its rule, level and region", async () => {
    const findings = await realFindings();
    expect(findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(["yaml-syntax-error", "file-skipped", "image-tag-latest"]),
    );
    const log = expectValid(renderSarif(findings));
    const [run] = log.runs;
    expect(run?.results).toHaveLength(findings.length);
    const levels = { error: "error", warning: "warning", info: "note" } as const;
    findings.forEach((f, i) => {
      const result = run?.results[i];
      expect(result?.ruleId).toBe(f.rule);
      expect(run?.tool.driver.rules[result?.ruleIndex ?? -1]?.id).toBe(f.rule);
      expect(result?.level).toBe(levels[f.severity]);
      expect(result?.message.text).toBe(f.message);
      const location = result?.locations[0]?.physicalLocation;
      // without the files' texts no end is claimed (SARIF: to the end of the line)
      expect(location?.region).toEqual({ startLine: f.line, startColumn: f.column });
      expect(location?.artifactLocation).toEqual({ uri: f.file.split(path.sep).join("/"), uriBaseId: "%SRCROOT%" });
      // without the files' texts (a door that passes none) only Plumbline's own key
      expect(result?.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: f.fingerprint });
    });
    const broken = run?.results.find((r) => r.ruleId === "yaml-syntax-error");
    expect(broken?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 11 });
  });

  it("is valid with no findings and still has a results array", () => {
    const log = expectValid(renderSarif([]));
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results).toEqual([]);
  });

  it("describes the tool and every rule of the catalogue", async () => {
    const { default: manifest } = await import("../../package.json", { with: { type: "json" } });
    const driver = expectValid(renderSarif([])).runs[0]?.tool.driver;
    expect(driver).toMatchObject({ name: "Plumbline", version: manifest.version });
    expect(driver?.informationUri).toMatch(/^https:\/\//);
    expect(driver?.rules.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.id));
    const levels = { error: "error", warning: "warning", info: "note" } as const;
    for (const [i, rule] of ALL_RULES.entries()) {
      expect(driver?.rules[i]).toMatchObject({
        id: rule.id,
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.why },
        helpUri: docsUrl(rule.id),
        defaultConfiguration: { level: levels[rule.severity] },
      });
      expect(driver?.rules[i]?.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    }
  });

  it("marks security rules so GitHub ranks them by security severity", () => {
    const rules: SarifRule[] = [
      { id: "run-as-root", title: "Runs as root", severity: "error", category: "security", why: "Root in a container is root." },
      { id: "no-probe", title: "No probe", severity: "warning", category: "reliability", why: "Nobody restarts it." },
    ];
    const driver = expectValid(renderSarif([], { rules })).runs[0]?.tool.driver;
    expect(driver?.rules[0]?.properties).toMatchObject({
      tags: expect.arrayContaining(["security"]),
      "security-severity": "8.0",
    });
    expect(driver?.rules[1]?.properties.tags).not.toContain("security");
    expect(driver?.rules[1]?.properties["security-severity"]).toBeUndefined();
  });

  it("keeps a finding's fingerprint when lines move, while its region follows the line", async () => {
    const original = deployment("web", "nginx:latest");
    const moved = `# a comment\n# and another\n${original}`;
    const before = await check(["app.yaml"], { cwd: await tempTree({ "app.yaml": original }) });
    const after = await check(["app.yaml"], { cwd: await tempTree({ "app.yaml": moved }) });
    const latest = (findings: Finding[]) =>
      expectValid(renderSarif(findings)).runs[0]?.results.find((r) => r.ruleId === "image-tag-latest");
    const [a, b] = [latest(before.findings), latest(after.findings)];
    expect(b?.partialFingerprints).toEqual(a?.partialFingerprints);
    expect(b?.locations[0]?.physicalLocation.region.startLine).toBe(
      (a?.locations[0]?.physicalLocation.region.startLine ?? 0) + 2,
    );
  });

  it("is checked by a validator that does reject broken SARIF", () => {
    const log = JSON.parse(renderSarif([finding()])) as SarifLog;
    const result = log.runs[0]?.results[0] as Record<string, unknown>;
    delete result.message;
    expect(validate(log)).toBe(false);
    const uri = JSON.parse(renderSarif([finding()])) as SarifLog;
    const location = uri.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation;
    if (location) location.uri = "has space.yaml";
    expect(validate(uri)).toBe(false);
  });

  it("stays valid for any message and any file name", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.string({ unit: "binary", minLength: 1 }),
        fc.nat(),
        fc.nat(),
        (message, file, line, column) => {
          const log = expectValid(renderSarif([finding({ message, file, line, column })]));
          expect(log.runs[0]?.results[0]?.message.text).toBe(message.trim() === "" ? "image-tag-latest" : message);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("artifact URIs", () => {
  it("are relative with forward slashes and percent-encoded segments", () => {
    expect(artifactUri("deploy\\prod\\app.yaml")).toBe("deploy/prod/app.yaml");
    expect(artifactUri("./deploy//app.yaml")).toBe("deploy/app.yaml");
    expect(artifactUri("my app/50%#1.yaml")).toBe("my%20app/50%25%231.yaml");
    expect(artifactUri("c:odd.yaml")).toBe("c%3Aodd.yaml");
    expect(artifactUri("<stdin>")).toBe("%3Cstdin%3E");
    expect(artifactUri("/abs/app.yaml")).toBe("file:///abs/app.yaml");
  });

  it("are relative to the repository root, whatever directory the command ran in", () => {
    const root = path.resolve("/repo");
    expect(repositoryUri("app.yaml", { cwd: path.join(root, "deploy"), root })).toBe("deploy/app.yaml");
    expect(repositoryUri("../base/app.yaml", { cwd: path.join(root, "deploy"), root })).toBe("base/app.yaml");
    expect(repositoryUri(path.join(root, "x", "y.yaml"), { cwd: "/", root })).toBe("x/y.yaml");
    expect(repositoryUri("../../elsewhere.yaml", { cwd: path.join(root, "deploy"), root })).toBe("file:///elsewhere.yaml");
  });

  it("leave file: URIs unanchored in SARIF", () => {
    const log = expectValid(renderSarif([finding({ file: "/outside/app.yaml" })]));
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: "file:///outside/app.yaml" });
  });
});

describe("SARIF for the repository's own rules", () => {
  it("describes each custom rule id once, so every result has a rule to point at", () => {
    const findings = [
      finding({ rule: "registry-allowed", severity: "error", fingerprint: "a" }),
      finding({ rule: "team-label", severity: "warning", fingerprint: "b" }),
      finding({ rule: "registry-allowed", severity: "error", fingerprint: "c", line: 9 }),
    ];
    const log = expectValid(renderSarif(findings));
    const [run] = log.runs;
    const rules = run?.tool.driver.rules ?? [];
    const custom = rules.filter((rule) => rule.id === "registry-allowed" || rule.id === "team-label");
    expect(custom.map((rule) => rule.id)).toEqual(["registry-allowed", "team-label"]);
    for (const result of run?.results ?? []) {
      expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
    expect(docsUrl("registry-allowed")).toBe(docsUrl("team-label"));
    expect(docsUrl("registry-allowed")).toMatch(/\/custom\.md$/);
    expect(docsUrl("admission-policy")).toMatch(/\/admission-policy\.md$/);
    expect(docsUrl("image-tag-latest")).toMatch(/\/image-tag-latest\.md$/);
  });
});
