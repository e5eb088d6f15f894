import { describe, expect, it } from "vitest";
import { EMPTY_CONFIG } from "../../src/config/config.js";
import { ConfigError, configFromObject, parseConfig } from "../../src/config/load.js";

const FILE = ".github/plumbline.yml";

/** The ConfigError parseConfig throws for `text`, as plain data. */
function errorOf(text: string): { line: number; column: number; detail: string; message: string } {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { line, column, detail, message } = error as ConfigError;
    return { line, column, detail, message };
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig: valid files", () => {
  it("reads every section and normalises what people write loosely", () => {
    const config = parseConfig(
      `kubernetesVersion: "v1.30.2"
failOn: warning
ignore:
  - ./vendor/
  - /charts/**
  - "**/*.generated.yaml"
rules:
  image-tag-latest: off
  liveness-probe-missing: error
  memory-limit-below-request: { severity: info }
  yaml-syntax-error: on
  file-skipped: false
external:
  namespaces: [monitoring]
  resources:
    - { kind: Secret, name: tls, namespace: shop }
`,
      FILE,
    );
    expect(config).toEqual({
      kubernetesVersion: "1.30",
      failOn: "warning",
      ignore: ["vendor/**", "charts/**", "**/*.generated.yaml"],
      rules: {
        "image-tag-latest": { enabled: false },
        "liveness-probe-missing": { severity: "error" },
        "memory-limit-below-request": { severity: "info" },
        "yaml-syntax-error": { enabled: true },
        "file-skipped": { enabled: false },
      },
      external: { namespaces: ["monitoring"], resources: [{ kind: "Secret", name: "tls", namespace: "shop" }] },
    });
  });

  it("treats an empty file, a comment-only file and empty sections as the defaults", () => {
    expect(parseConfig("", FILE)).toEqual(EMPTY_CONFIG);
    expect(parseConfig("# nothing yet\n", FILE)).toEqual(EMPTY_CONFIG);
    expect(parseConfig("rules:\n  # image-tag-latest: off\nignore:\n", FILE)).toEqual(EMPTY_CONFIG);
  });

  it("keeps the drift section for the drift bot", () => {
    expect(parseConfig("drift:\n  schedule: 60\n", FILE).drift).toEqual({ schedule: 60 });
  });
});

describe("parseConfig: errors name the file, line and key", () => {
  it("reports a YAML syntax error where it is", () => {
    const error = errorOf("rules:\n  image-tag-latest: off\n bad: [\n");
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/^\.github\/plumbline\.yml:\d+:\d+: /);
  });

  it("reports a duplicate key at the second occurrence", () => {
    expect(errorOf("ignore: []\nrules: {}\nignore: [a]\n")).toMatchObject({
      line: 3,
      column: 1,
      detail: expect.stringMatching(/unique/i),
    });
  });

  it("reports an unknown top-level key with a suggestion", () => {
    expect(errorOf("# settings\nrule:\n  image-tag-latest: off\n")).toEqual({
      line: 2,
      column: 1,
      detail: "rule: unknown key (did you mean rules?)",
      message: ".github/plumbline.yml:2:1: rule: unknown key (did you mean rules?)",
    });
    expect(errorOf("colour: red\n").detail).toBe(
      "colour: unknown key (known keys: kubernetesVersion, failOn, ignore, scopes, admissionPolicies, kustomize, rules, external, drift, helm)",
    );
  });

  it("reports an unknown key inside a rule setting", () => {
    expect(errorOf("rules:\n  image-tag-latest:\n    severty: error\n")).toMatchObject({
      line: 3,
      column: 5,
      detail: "rules.image-tag-latest.severty: unknown key (did you mean severity?)",
    });
  });

  it("says which values a severity accepts", () => {
    expect(errorOf("rules:\n  image-tag-latest:\n    severity: critical\n")).toMatchObject({
      line: 3,
      column: 5,
      detail: 'rules.image-tag-latest.severity: "critical" is not one of error, warning, info',
    });
    expect(errorOf("rules:\n  image-tag-latest: loud\n")).toMatchObject({
      line: 2,
      column: 3,
      detail: 'rules.image-tag-latest: "loud" is not one of off, on, error, warning, info, true, false',
    });
  });

  it("reads YAML 1.2: `no` is a string, not false, so it is rejected rather than guessed", () => {
    expect(errorOf("rules:\n  image-tag-latest: no\n").detail).toMatch(/^rules\.image-tag-latest: "no" is not one of/);
  });

  it("rejects a rule id that does not exist, suggesting the near one", () => {
    expect(errorOf("rules:\n  liveness-probe-missing: off\n  image-tag-latst: off\n")).toMatchObject({
      line: 3,
      column: 3,
      detail: "rules.image-tag-latst: no rule has this id (did you mean image-tag-latest?)",
    });
    expect(errorOf("rules:\n  made-up-rule: off\n").detail).toBe(
      "rules.made-up-rule: no rule has this id (see docs/rules/ for the list)",
    );
  });

  it("explains why an unquoted version is wrong", () => {
    expect(errorOf("kubernetesVersion: 1.30\n")).toMatchObject({
      line: 1,
      column: 1,
      detail: 'kubernetesVersion: must be a quoted version such as "1.31" (unquoted, 1.3 is read as a number)',
    });
    expect(errorOf('kubernetesVersion: "latest"\n').detail).toBe('kubernetesVersion: "latest" must be a version such as "1.31"');
  });

  it("names list positions and wrong types in YAML words", () => {
    expect(errorOf("ignore:\n  - vendor/**\n  - ''\n")).toMatchObject({ line: 3, detail: "ignore[1]: must not be empty" });
    expect(errorOf("ignore: vendor/**\n")).toMatchObject({ line: 1, detail: 'ignore: must be a list, not "vendor/**"' });
    expect(errorOf("external:\n  resources:\n    - kind: Secret\n")).toMatchObject({
      line: 3,
      detail: "external.resources[0]: needs a name",
    });
  });

  it("reports the problem that comes first in the file when there are several", () => {
    expect(errorOf("rules:\n  image-tag-latest: loud\nfailOn: critical\n").line).toBe(2);
    expect(errorOf("failOn: critical\nrules:\n  image-tag-latest: loud\n").line).toBe(1);
  });

  it("prefers the specific error to a combinator's summary at the same place", () => {
    // the drift schema's clusters use oneOf/not; a string where a mapping belongs is a type error first
    expect(errorOf("drift:\n  clusters: [prod]\n").detail).toBe('drift.clusters[0]: must be a mapping of keys, not "prod"');
  });

  it("rejects a file that is not a mapping", () => {
    expect(errorOf("- rules\n- ignore\n")).toMatchObject({ line: 1, detail: "the configuration must be a mapping of keys" });
  });

  it("refuses an alias bomb instead of expanding it", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const name of ["b", "c", "d", "e", "f", "g"]) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    expect(errorOf(`drift:\n  ${bomb.join("\n  ")}\n`).detail).toMatch(/^cannot be read: /);
  });
});

describe("configFromObject", () => {
  it("validates an already parsed configuration with the same rules", () => {
    expect(configFromObject({ rules: { "image-tag-latest": "off" } }, "repo config")).toMatchObject({
      rules: { "image-tag-latest": { enabled: false } },
    });
    expect(configFromObject(null, "repo config")).toEqual(EMPTY_CONFIG);
    expect(() => configFromObject({ rules: { "image-tag-latest": "loud" } }, "repo config")).toThrow(
      /^repo config: rules\.image-tag-latest: "loud" is not one of/,
    );
  });
});
