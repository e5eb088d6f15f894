import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { EMPTY_CONFIG } from "../../src/config/config.js";
import { parseConfig } from "../../src/config/parse.js";
import { configuredTrees } from "../../src/graph/scopes.js";

const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "plumbline-scopes-"));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

const deployment = (name: string, label: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${label}}}
  template:
    metadata: {labels: {app: ${label}}}
    spec: {containers: [{name: app, image: "app:1.0"}]}
`;
const service = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;

// the Service's own Deployment carries a typo; an unrelated sample in a sibling folder happens to match
const repository = {
  "apps/web/deployment.yaml": deployment("web", "wbe"),
  "apps/web/service.yaml": service,
  "apps/legacy/deployment.yaml": deployment("legacy-web", "web"),
  "namespaces/shop.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n",
};

describe("the scope links are judged in", () => {
  it("does not let a sibling folder hide a real selector mismatch", async () => {
    const root = await tree(repository);
    const { findings } = await check(["."], { cwd: root, root });
    expect(findings.filter((f) => f.rule === "service-selector-matches-nothing").map((f) => f.file)).toEqual([
      path.join("apps", "web", "service.yaml"),
    ]);
  });

  it("counts a Namespace declared in a sibling folder", async () => {
    const root = await tree(repository);
    const { findings } = await check(["."], { cwd: root, root });
    expect(findings.filter((f) => f.rule === "namespace-missing")).toEqual([]);
  });

  it("joins the trees the configuration lists into one scope", async () => {
    const root = await tree(repository);
    const config = parseConfig("scopes: [apps]\n", ".github/plumbline.yml");
    expect(config.scopes).toEqual(["apps"]);
    const { findings } = await check(["."], { cwd: root, root, config });
    expect(findings.filter((f) => f.rule === "service-selector-matches-nothing")).toEqual([]);
  });

  it("reads scope globs relative to the repository root, whatever the working directory", () => {
    const root = path.join(tmpdir(), "repo");
    const cwd = path.join(root, "apps");
    const treeOf = configuredTrees(["apps/*"], root, cwd);
    expect(treeOf?.("web/sub")).toBe("web");
    expect(treeOf?.("web")).toBe("web");
    expect(treeOf?.(".")).toBeUndefined();
    expect(configuredTrees(["."], root, cwd)?.("web/sub")).toBe("..");
    expect(configuredTrees([], root, cwd)).toBeUndefined();
    expect({ ...EMPTY_CONFIG }.scopes).toBeUndefined();
  });

  it("matches a hostile scope glob against a long path in linear time", () => {
    const root = path.join(tmpdir(), "repo");
    const treeOf = configuredTrees([`${"*a".repeat(30)}b`], root, root);
    const started = performance.now();
    expect(treeOf?.(`${"a".repeat(5000)}/x`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("by-name links reach every plain file of the run", () => {
  const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {MODE: fast}\n";
  const hpa = (target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${target}, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 2
  maxReplicas: 5
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
`;
  const single = deployment("web", "web")
    .replace("replicas: 2", "replicas: 1")
    .replace('image: "app:1.0"}', 'image: "app:1.0", envFrom: [{configMapRef: {name: settings}}]}');

  it("finds a ConfigMap and an autoscaler that sit in sibling folders of one application", async () => {
    const root = await tree({
      "app/web/deployment.yaml": single,
      "app/common/config.yaml": configMap,
      "autoscaling/web-hpa.yaml": hpa("web"),
    });
    const { findings } = await check(["."], { cwd: root, root });
    const rules = findings.map((f) => f.rule);
    expect(single).toContain("configMapRef");
    expect(rules).not.toContain("configmap-ref-missing");
    expect(rules).not.toContain("hpa-target-missing");
    // the HPA owns the replica count, so one declared replica is not "too few"
    expect(rules).not.toContain("replicas-too-few");
  });

  it("still reports a name that is nowhere in the run", async () => {
    const root = await tree({ "app/web/deployment.yaml": single, "autoscaling/api-hpa.yaml": hpa("api") });
    const rules = (await check(["."], { cwd: root, root })).findings.map((f) => f.rule);
    expect(rules).toContain("configmap-ref-missing");
    expect(rules).toContain("hpa-target-missing");
  });
});
