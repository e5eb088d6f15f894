import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/findings/finding.js";
import { applyFileFix, mergeFixes, planFixes } from "../../src/fix/index.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import { DEFAULT_KUBERNETES_VERSION } from "../../src/rules/api-versions/api-data.js";
import { runRules } from "../../src/rules/engine.js";
import { checkText, fixText, linesAFixMayTouch, readObjects, yaml } from "./helpers.js";

const DEPLOYMENT = yaml`
  # the web tier
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 3
    selector:
      matchLabels: { app: web }
    template:
      metadata:
        labels: { app: web }
      spec:
        containers:
          - name: app # the only one
            image: ghcr.io/example/web:1.4.2
            env:
              - { name: MODE, value: blue }
              - { name: LEVEL, value: debug }
              - { name: MODE, value: green } # wins
              - { name: REGION, value: eu }
              - { name: LEVEL, value: info } # wins
`;

function finding(rule: string, fix: Finding["fix"]): Finding {
  return {
    rule,
    severity: "warning",
    file: "app.yaml",
    line: 1,
    column: 1,
    resource: { apiVersion: "v1", kind: "Pod", namespace: null, name: "p" },
    message: rule,
    fingerprint: rule,
    path: "",
    ...(fix ? { fix, fixApplicability: "safe" as const } : {}),
  };
}

describe("planFixes", () => {
  it("merges the fixes that each add a securityContext into one, in one place", () => {
    const fixed = fixText(DEPLOYMENT);
    const rules = fixed.plan.files[0]?.objects[0]?.findings.map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining(["privilege-escalation-allowed", "root-filesystem-writable", "run-as-root", "duplicate-env-var"]),
    );
    const [deployment] = readObjects(fixed.text) as Array<{ spec: { template: { spec: { containers: unknown[] } } } }>;
    expect(deployment?.spec.template.spec.containers[0]).toMatchObject({
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true },
    });
    expect(fixed.text.match(/securityContext:/g)).toHaveLength(1);
    expect(fixed.plan.skipped).toEqual([]);
  });

  it("removes the duplicates of two names from one list, each by what it is, though the first removal shifts the second", () => {
    const fixed = fixText(DEPLOYMENT);
    const [deployment] = readObjects(fixed.text) as Array<{
      spec: { template: { spec: { containers: Array<{ env: unknown }> } } };
    }>;
    expect(deployment?.spec.template.spec.containers[0]?.env).toEqual([
      { name: "MODE", value: "green" },
      { name: "REGION", value: "eu" },
      { name: "LEVEL", value: "info" },
    ]);
    expect(fixed.text).toContain("          - { name: MODE, value: green } # wins\n");
    expect(fixed.after.findings.map((f) => f.rule)).not.toContain("duplicate-env-var");
  });

  it("applies the first of two fixes that set one field differently, and reports the second", () => {
    const object = { spec: { containers: [{ name: "app" }] } };
    const first = finding("rule-a", [{ op: "add", path: "/spec/containers/0/securityContext", value: { runAsUser: 1000 } }]);
    const second = finding("rule-b", [
      { op: "add", path: "/spec/containers/0/securityContext", value: { runAsUser: 0, privileged: false } },
    ]);
    const merged = mergeFixes(object, [first, second]);
    expect(merged.applied).toEqual([first]);
    expect(merged.after).toEqual({ spec: { containers: [{ name: "app", securityContext: { runAsUser: 1000 } }] } });
    expect(merged.skipped).toEqual([
      { finding: second, reason: "it conflicts with the fix for rule-a at /spec/containers/0/securityContext/runAsUser" },
    ]);
  });

  it("skips a fix whose patch does not apply, and keeps the others", () => {
    const object = { spec: {} };
    const broken = finding("rule-a", [{ op: "remove", path: "/spec/missing" }]);
    const good = finding("rule-b", [{ op: "add", path: "/spec/x", value: 1 }]);
    const merged = mergeFixes(object, [broken, good]);
    expect(merged.after).toEqual({ spec: { x: 1 } });
    expect(merged.skipped).toHaveLength(1);
    expect(merged.skipped[0]?.reason).toMatch(/^its patch does not apply to the object/);
  });

  it("says so when a fix would change nothing", () => {
    const object = { spec: { x: 1 } };
    const same = finding("rule-a", [{ op: "replace", path: "/spec/x", value: 1 }]);
    const resource = checkText("apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { x: 1 }\n").resources;
    const plan = planFixes([{ ...same, document: { file: "app.yaml", documentIndex: 0 } }], resource);
    expect(mergeFixes(object, [same]).after).toEqual(object);
    expect(plan.files).toEqual([]);
    expect(plan.skipped.map((skip) => skip.reason)).toEqual(["its fix changes nothing"]);
    const notFound = ["the object it is about was not found in the files read"];
    const elsewhere = planFixes([{ ...same, document: { file: "app.yaml", documentIndex: 1 } }], resource);
    expect(elsewhere.skipped.map((skip) => skip.reason)).toEqual(notFound);
    const another = { ...same, resource: { ...same.resource, name: "q" }, document: { file: "app.yaml", documentIndex: 0 } };
    expect(planFixes([another], resource).skipped.map((skip) => skip.reason)).toEqual(notFound);
    expect(planFixes([same], resource).skipped.map((skip) => skip.reason)).toEqual(notFound);
  });

  it("leaves a document with a duplicate key alone, with the engine's reason", () => {
    const text = yaml`
      apiVersion: policy/v1beta1
      kind: PodDisruptionBudget
      metadata: { name: web }
      spec:
        minAvailable: 1
        minAvailable: 2
        selector: { matchLabels: { app: web } }
    `;
    const fixed = fixText(text);
    expect(fixed.text).toBe(text);
    expect(fixed.failed.map((failure) => failure.reason)).toEqual([
      expect.stringMatching(/^the edit engine refused it \(document 0 does not parse: Map keys must be unique\)$/),
    ]);
  });

  it("finds the right document among several, and the right item of a List", () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: settings }
      data: { a: "1" }
      ---
      apiVersion: v1
      kind: List
      items:
        - apiVersion: policy/v1beta1
          kind: PodDisruptionBudget
          metadata: { name: one }
          spec: { minAvailable: 1, selector: { matchLabels: { app: one } } }
        - apiVersion: policy/v1beta1
          kind: PodDisruptionBudget
          metadata: { name: two }
          spec: { minAvailable: 1, selector: { matchLabels: { app: two } } }
    `;
    const fixed = fixText(text);
    expect(fixed.plan.files[0]?.objects.map((object) => object.target)).toEqual([
      { documentIndex: 1, listIndex: 0 },
      { documentIndex: 1, listIndex: 1 },
    ]);
    expect(fixed.text).toBe(text.replaceAll("policy/v1beta1", "policy/v1"));
  });

  it("tells two copies of one object in a file apart by where their findings are", () => {
    const pdb = (minAvailable: number) => yaml`
      apiVersion: policy/v1beta1
      kind: PodDisruptionBudget
      metadata: { name: same }
      spec: { minAvailable: ${minAvailable}, selector: { matchLabels: { app: one } } }
    `;
    const text = `${pdb(1)}---\n${pdb(2)}`;
    const { findings, resources } = checkText(text);
    const secondOnly = findings.filter((f) => f.rule === "api-removed" && f.line > 4);
    const plan = planFixes(secondOnly, resources);
    expect(plan.files[0]?.objects.map((object) => object.target)).toEqual([{ documentIndex: 1 }]);
    expect(applyFileFix(text, plan.files[0] as never).text).toBe(`${pdb(1)}---\n${pdb(2).replace("v1beta1", "v1")}`);
  });

  it("never fixes an object rendered by Kustomize, and says where to fix it instead", () => {
    const text = yaml`
      apiVersion: policy/v1beta1
      kind: PodDisruptionBudget
      metadata: { name: web }
      spec: { minAvailable: 1, selector: { matchLabels: { app: web } } }
    `;
    const renderedBy = { tool: "kustomize", root: "overlays/prod" } as const;
    const rendered = parseManifestText(text, "base/pdb.yaml", "kustomize:overlays/prod").resources.map((r) => ({
      ...r,
      renderedBy,
    }));
    const findings = runRules(
      { resources: rendered, problems: [], files: [] },
      { kubernetesVersion: DEFAULT_KUBERNETES_VERSION },
    );
    expect(findings.map((f) => f.document)).toEqual([{ file: "base/pdb.yaml", documentIndex: 0, renderedBy }]);
    const plan = planFixes(findings, rendered);
    expect(plan.files).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      "the object is rendered by Kustomize: fix the base or patch it comes from",
    ]);
  });

  it("refuses a fix when the file no longer reads as the object that was checked", () => {
    const { findings, resources } = checkText(DEPLOYMENT);
    const plan = planFixes(findings, resources);
    const changed = DEPLOYMENT.replace("replicas: 3", "replicas: 4");
    const result = applyFileFix(changed, plan.files[0] as never);
    expect(result.text).toBe(changed);
    expect(result.failed.map((f) => f.reason)).toEqual(["the file changed since it was checked"]);
  });

  it("keeps the other objects' fixes when the engine refuses one", () => {
    const good = yaml`
      apiVersion: policy/v1beta1
      kind: PodDisruptionBudget
      metadata: { name: good }
      spec: { minAvailable: 1, selector: { matchLabels: { app: good } } }
    `;
    // an alias the fix would have to write through: the engine does not edit shared nodes
    const shared = yaml`
      apiVersion: policy/v1beta1
      kind: PodDisruptionBudget
      metadata: { name: shared }
      spec: &spec { minAvailable: 1, selector: { matchLabels: { app: shared } } }
      status: *spec
    `;
    const text = `${good}---\n${shared}`;
    const { findings, resources } = checkText(text);
    const plan = planFixes(findings, resources);
    const object = plan.files[0]?.objects[1];
    if (!object) throw new Error("no plan for the second document");
    // a fix that writes into the aliased mapping
    const file = {
      file: "app.yaml",
      objects: [plan.files[0]?.objects[0], { ...object, ops: [{ op: "replace", path: "/spec/minAvailable", value: 2 }] }],
    };
    const result = applyFileFix(text, file as never);
    expect(result.text).toBe(`${good.replace("v1beta1", "v1")}---\n${shared}`);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]?.reason).toMatch(/^the edit engine refused it/);
  });
});

describe("the round-trip checks' own yardstick", () => {
  it("allows only the lines of values that changed, from the key to the end of the value", () => {
    const text = "a: 1 # one\nb: 2\nc: {}\nd:\n  p: 1\n  q: 2\ne: [1, 2]\nf: keep\n";
    const after = { a: 1, b: 3, c: { z: 1 }, e: [1, 2, 3], f: "keep" };
    expect([...linesAFixMayTouch(text, [after])].sort()).toEqual([2, 3, 4, 5, 6, 7]);
    expect([...linesAFixMayTouch(text, [{ a: 1, b: 2, c: {}, d: { p: 1, q: 2 }, e: [1, 2], f: "keep" }])]).toEqual([]);
    expect([...linesAFixMayTouch(text, [{ a: 1, b: 2, c: {}, d: { p: 1, q: 3 }, e: [1, 2], f: "keep" }])]).toEqual([6]);
  });
});

describe("planFixes: applicability", () => {
  it("holds back unsafe fixes, and fixes without an applicability, unless asked", () => {
    const { findings, resources } = checkText(DEPLOYMENT);
    const safeOnly = planFixes(findings, resources);
    const made = safeOnly.files.flatMap((file) => file.objects.flatMap((object) => object.findings.map((f) => f.rule)));
    expect(new Set(made)).toEqual(new Set(["duplicate-env-var"]));
    expect(new Set(safeOnly.heldBack.map((f) => f.rule))).toEqual(
      new Set(["privilege-escalation-allowed", "root-filesystem-writable", "run-as-root"]),
    );
    const all = planFixes(findings, resources, { unsafe: true });
    expect(all.heldBack).toEqual([]);
    const unlabelled = findings.filter((f) => f.rule === "duplicate-env-var").map(({ fixApplicability, ...rest }) => rest);
    expect(planFixes(unlabelled, resources).heldBack).toHaveLength(unlabelled.length);
  });
});
