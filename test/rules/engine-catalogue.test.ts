import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FILES_SCOPE, loadManifests } from "../../src/manifests/load.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import { DEFAULT_KUBERNETES_VERSION } from "../../src/rules/api-versions/api-data.js";
import { REGISTRY, runRules } from "../../src/rules/engine.js";
import { yamlSyntaxError } from "../../src/rules/input/yaml-syntax-error.js";
import { pdbMissing } from "../../src/rules/reliability/pdb-missing.js";
import { findingsAlone, lint, yaml } from "./helpers.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("the engine's catalogue", () => {
  const broken = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web }
    spec:
      replicas: 3
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          containers:
            - { name: app, image: "web:latest" }
    ---
    data: [unclosed
  `;

  it("runs only the rules it is given", () => {
    expect(new Set(lint(broken).map((f) => f.rule)).size).toBeGreaterThan(3);
    expect(findingsAlone(pdbMissing, broken).map((f) => f.rule)).toEqual(["pdb-missing"]);
    expect(findingsAlone(yamlSyntaxError, broken).map((f) => f.rule)).toEqual(["yaml-syntax-error"]);
    expect(lint(broken, { catalogue: {} })).toEqual([]);
  });

  it("still applies the configuration's settings to the rules it runs", () => {
    const run = (rules: Parameters<typeof runRules>[1]["rules"]) => {
      const set = { resources: parseManifestText(broken, "app.yaml", FILES_SCOPE).resources, problems: [], files: ["app.yaml"] };
      return runRules(set, {
        kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
        catalogue: { rules: [pdbMissing] },
        ...(rules ? { rules } : {}),
      });
    };
    expect(run(undefined).map((f) => f.severity)).toEqual([pdbMissing.severity]);
    expect(run({ "pdb-missing": { severity: "info" } }).map((f) => f.severity)).toEqual(["info"]);
    expect(run({ "pdb-missing": { enabled: false } })).toEqual([]);
  });

  it("gives each rule alone the findings it gives among all the others (examples/shop)", async () => {
    const set = await loadManifests(["examples/shop"], { cwd: repo });
    const all = runRules(set, { kubernetesVersion: DEFAULT_KUBERNETES_VERSION });
    expect(all.length).toBeGreaterThan(10);
    for (const rule of REGISTRY.rules) {
      const alone = runRules(set, { kubernetesVersion: DEFAULT_KUBERNETES_VERSION, catalogue: { rules: [rule] } });
      expect(alone, rule.id).toEqual(all.filter((finding) => finding.rule === rule.id));
    }
  });
});
