import { describe, expect, it } from "vitest";
import { FILES_SCOPE } from "../../src/manifests/load.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import { runRules } from "../../src/rules/engine.js";
import { lintFiles, lintSet, positionOf, yaml } from "./helpers.js";

const RULE = "duplicate-resource";

function configMap(name: string, namespace?: string, apiVersion = "v1"): string {
  return yaml`
    apiVersion: ${apiVersion}
    kind: ConfigMap
    metadata:
      name: ${name}
      ${namespace === undefined ? "" : `namespace: ${namespace}`}
    data: { a: b }
  `;
}

function duplicates(files: Record<string, string>) {
  return lintFiles(files).filter((f) => f.rule === RULE);
}

describe(RULE, () => {
  it("reports a second definition in the same file as an error, at its name, saying where the first is", () => {
    const text = `${configMap("other")}---\n${configMap("settings")}---\n${configMap("settings")}`;
    const findings = duplicates({ "deploy/a.yaml": text });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: "deploy/a.yaml", severity: "error", ...positionOf(text, "name: settings", 2) });
    const firstLine = positionOf(text, "name: settings").line;
    expect(findings[0]?.message).toBe(
      `ConfigMap "settings" is already defined at deploy/a.yaml:${firstLine}; only one of them ends up in the cluster`,
    );
  });

  it("reads the same object in two files of a plain directory as alternatives: one info per pair of files", () => {
    // a sample folder: app.yaml, app-psa.yaml and app-dualstack.yaml each hold the same objects; people apply one
    const app = [configMap("web"), configMap("api"), configMap("db")].join("---\n");
    const variant = `${configMap("only-here")}---\n${app}`;
    const findings = duplicates({ "samples/app.yaml": app, "samples/app-psa.yaml": variant, "samples/app-dual.yaml": variant });
    const at = (name: string) => positionOf(variant, `name: ${name}`).line;
    expect(findings.map((f) => [f.file, f.severity, f.line])).toEqual([
      ["samples/app-dual.yaml", "info", at("only-here")],
      ["samples/app-dual.yaml", "info", at("web")],
      ["samples/app-psa.yaml", "info", at("web")],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      `app-dual.yaml repeats ConfigMap "only-here" of app-psa.yaml beside it: if the files are alternatives, apply one; applied together, only one copy of each ends up in the cluster`,
      `app-dual.yaml repeats 3 objects (ConfigMap "web", ConfigMap "api", ConfigMap "db") of app.yaml beside it: if the files are alternatives, apply one; applied together, only one copy of each ends up in the cluster`,
      `app-psa.yaml repeats 3 objects (ConfigMap "web", ConfigMap "api", ConfigMap "db") of app.yaml beside it: if the files are alternatives, apply one; applied together, only one copy of each ends up in the cluster`,
    ]);
  });

  it("keeps an error for two copies in one file even when other files repeat the object", () => {
    const text = `${configMap("x")}---\n${configMap("x")}`;
    const findings = duplicates({ "d/a.yaml": configMap("x"), "d/b.yaml": text });
    expect(findings.map((f) => [f.file, f.severity, f.line])).toEqual([
      ["d/b.yaml", "info", positionOf(text, "name: x").line],
      ["d/b.yaml", "error", positionOf(text, "name: x", 2).line],
    ]);
  });

  it("reports every later copy, each naming the first", () => {
    const text = [configMap("x", "prod"), configMap("x", "prod"), configMap("x", "prod")].join("---\n");
    const findings = duplicates({ "deploy/a.yaml": text });
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.message.includes('in namespace "prod"') && f.message.includes("deploy/a.yaml:4"))).toBe(true);
  });

  it("treats objects of the same group as one, whatever their version", () => {
    const deployment = (apiVersion: string) => yaml`
      apiVersion: ${apiVersion}
      kind: Deployment
      metadata: { name: web }
      spec: {}
    `;
    expect(duplicates({ "d/a.yaml": `${deployment("apps/v1")}---\n${deployment("apps/v1beta2")}` })).toHaveLength(1);
  });

  it("stays silent when namespace, kind, group or name differ", () => {
    const text = [configMap("x", "a"), configMap("x", "b"), configMap("y", "a"), configMap("x")].join("---\n");
    expect(duplicates({ "d/a.yaml": text })).toEqual([]);
  });

  it("counts a missing namespace as default, as Kustomize does", () => {
    const findings = duplicates({ "d/a.yaml": [configMap("x"), configMap("x", "default")].join("---\n") });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('in namespace "default"');
    expect(duplicates({ "d/a.yaml": [configMap("x"), configMap("x", "shop")].join("---\n") })).toEqual([]);
  });

  it("ignores the namespace of a cluster-scoped object, which the API server ignores too", () => {
    const role = (namespace?: string) => yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: { name: reader${namespace ? `, namespace: ${namespace}` : ""} }
      rules: []
    `;
    expect(duplicates({ "d/a.yaml": `${role()}---\n${role("shop")}` })).toHaveLength(1);
  });

  it("lets the configuration raise the notice back to an error", () => {
    const files = { "d/a.yaml": configMap("x"), "d/b.yaml": configMap("x") };
    const { resources } = parseManifestText(files["d/a.yaml"], "d/a.yaml", FILES_SCOPE);
    const other = parseManifestText(files["d/b.yaml"], "d/b.yaml", FILES_SCOPE).resources;
    const findings = runRules(
      { resources: [...resources, ...other], problems: [], files: Object.keys(files) },
      { kubernetesVersion: "1.33", rules: { [RULE]: { severity: "error" } } },
    ).filter((f) => f.rule === RULE);
    expect(findings.map((f) => f.severity)).toEqual(["error"]);
  });

  it("never compares plain files of sibling directories, which usually go to different clusters", () => {
    expect(duplicates({ "staging/a.yaml": configMap("x"), "prod/a.yaml": configMap("x") })).toEqual([]);
  });

  it("compares every copy inside one Kustomize rendering, wherever the sources live", () => {
    const rendered = parseManifestText(
      `${configMap("x")}---\n${configMap("x")}`,
      "overlay/kustomization.yaml",
      "kustomize:overlay",
    );
    const findings = lintSet({ resources: rendered.resources, problems: [], files: [] }).filter((f) => f.rule === RULE);
    expect(findings).toHaveLength(1);
  });

  it("ignores generateName, which gives every object its own name", () => {
    const job = yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: { generateName: migrate- }
      spec: {}
    `;
    expect(duplicates({ "d/a.yaml": `${job}---\n${job}` })).toEqual([]);
  });

  it("does not count the same document read twice", () => {
    const { resources } = parseManifestText(configMap("x"), "d/a.yaml", "dir:d");
    const findings = lintSet({ resources: [...resources, ...resources], problems: [], files: ["d/a.yaml"] });
    expect(findings.filter((f) => f.rule === RULE)).toEqual([]);
  });

  it("can be waived on the copy", () => {
    const waived = configMap("x").replace("  name: x", "  name: x\n  annotations: { plumbline.dev/ignore: duplicate-resource }");
    expect(waived).toContain("ignore");
    expect(duplicates({ "d/a.yaml": `${configMap("x")}---\n${waived}` })).toEqual([]);
  });
});

describe(`${RULE}: plain files in directories above and below`, () => {
  it("does not compare a file with the folder below it, which holds the same objects split up", () => {
    const all = [configMap("a"), configMap("b")].join("---\n");
    expect(duplicates({ "deploy/complete-demo.yaml": all, "deploy/manifests/a.yaml": configMap("a") })).toEqual([]);
  });
});
