import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA } from "../../src/config/schema.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FILE = "docs/schema/plumbline.schema.json";
const published = () => JSON.parse(readFileSync(path.join(repo, FILE), "utf8")) as Record<string, unknown>;

describe("the published configuration schema (docs/schema/plumbline.schema.json)", () => {
  it("is the schema the code validates with", () => {
    expect(published()).toEqual(JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
  });

  it("is what scripts/config-schema.js writes now, byte for byte", () => {
    // throws, with the script's message, when the file is stale
    execFileSync(process.execPath, ["scripts/config-schema.js", "--check"], { cwd: repo, stdio: "pipe" });
  });

  it("names itself by the address the docs give editors, which is where the file lives", () => {
    const schema = published();
    expect(schema.$id).toBe(`https://raw.githubusercontent.com/plumbline-dev/plumbline/main/${FILE}`);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const readme = readFileSync(path.join(repo, "README.md"), "utf8");
    expect(readme).toContain(`# yaml-language-server: $schema=${schema.$id}`);
    const pkg = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain(FILE);
  });

  it("describes every top-level key, for an editor's hover", () => {
    const properties = published().properties as Record<string, { description?: string }>;
    const undescribed = Object.entries(properties).filter(([, schema]) => !schema.description?.trim());
    expect(undescribed.map(([key]) => key)).toEqual([]);
  });

  it("accepts the README's example and refuses what parseConfig refuses, as a plain JSON Schema validator", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(published());
    const example = {
      kubernetesVersion: "1.31",
      failOn: "warning",
      ignore: ["charts/**"],
      scopes: ["deploy"],
      kustomize: { remoteHosts: ["github.com"] },
      rules: { "cpu-request-missing": "off", "image-tag-latest": "error", "secret-in-env": { severity: "error" } },
    };
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, colour: "red" })).toBe(false);
    expect(validate({ ...example, failOn: "fatal" })).toBe(false);
    expect(validate({ ...example, rules: { "secret-in-env": { severity: "error", when: "always" } } })).toBe(false);
  });
});
