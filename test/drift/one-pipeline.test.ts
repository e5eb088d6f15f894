/**
 * The CLI and the bot run one drift pipeline: the same Git, the same cluster (a recorded API server
 * on 127.0.0.1), and `plumbline drift --write` writes byte for byte what the bot's pull request
 * commits. The HPA is the case that told them apart: the cluster stores `averageValue: 1000m` as
 * "1", and the bot used to write "1" where the CLI kept the file's `1000m   # one core`.
 */

import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG, startWorld, type World } from "../bot/support/harness.js";
import { run, tempTree } from "../cli/helpers.js";
import { fixture } from "../support/kube-api/index.js";

const BRANCH = "plumbline/drift/prod";

const HPA_YAML = `# web scales on CPU
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: AverageValue
          averageValue: 1000m   # one core
`;

/** What the API server holds after `kubectl edit` raised maxReplicas and added a memory metric. */
function liveHpa(): Record<string, unknown> {
  return {
    metadata: {
      name: "web",
      namespace: "shop",
      uid: "uid-hpa-web",
      resourceVersion: "52100",
      managedFields: [
        {
          manager: "kubectl-client-side-apply",
          operation: "Update",
          apiVersion: "autoscaling/v2",
          time: "2025-03-01T09:00:00Z",
          fieldsType: "FieldsV1",
          fieldsV1: { "f:spec": { "f:scaleTargetRef": {}, "f:minReplicas": {} } },
        },
        {
          manager: "kubectl-edit",
          operation: "Update",
          apiVersion: "autoscaling/v2",
          time: "2025-03-04T16:20:00Z",
          fieldsType: "FieldsV1",
          fieldsV1: { "f:spec": { "f:maxReplicas": {}, "f:metrics": {} } },
        },
      ],
    },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 2,
      maxReplicas: 12,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "AverageValue", averageValue: "1" } } },
        { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "512Mi" } } },
      ],
    },
  };
}

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("one drift pipeline", () => {
  it("writes the same bytes through plumbline drift --write and the bot's pull request, 1000m kept", async () => {
    world = await startWorld({ shop: { logLevel: "debug" }, files: { "clusters/prod/hpa.yaml": HPA_YAML } });
    world.api.use(fixture("cluster/discovery/apis-autoscaling-v2.json"), {
      description: "horizontalpodautoscalers in shop",
      request: { method: "GET", path: "/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers" },
      response: {
        status: 200,
        body: {
          kind: "HorizontalPodAutoscalerList",
          apiVersion: "autoscaling/v2",
          metadata: { resourceVersion: "52100" },
          items: [liveHpa()],
        },
      },
      source: "one-pipeline:hpa",
    });

    // the bot's path: Git read from GitHub, a pull request with one commit
    const report = await world.check();
    expect(report.clusters[0]).toMatchObject({ outcome: "drift", proposal: { action: "created" } });

    // the CLI's path: a checkout of the same commit, the same cluster through its kubeconfig
    const files = ["clusters/prod/settings.yaml", "clusters/prod/db-secret.yaml", "clusters/prod/hpa.yaml"];
    const checkout = await tempTree({
      ".github/plumbline.yml": CONFIG,
      ...Object.fromEntries(files.map((file) => [file, world?.repo.file(file) ?? ""])),
    });
    const cli = await run(checkout, ["drift", "--cluster", "prod", "--kubeconfig", world.kubeconfig.file, "--write"]);
    expect(cli.stderr).toContain("plumbline: wrote ");
    expect(cli.code).toBe(1);

    for (const file of files) {
      const written = await readFile(path.join(checkout, file), "utf8");
      const committed = world.repo.file(file, BRANCH);
      expect(committed, file).toBeDefined();
      expect(written, file).toBe(committed);
    }
    const hpa = world.repo.file("clusters/prod/hpa.yaml", BRANCH) ?? "";
    expect(hpa).toContain("averageValue: 1000m   # one core");
    expect(hpa).not.toMatch(/averageValue: "?1"?$/m);
    expect(hpa).toContain("maxReplicas: 12");
    expect(hpa).toContain("512Mi");
    expect(world.repo.file("clusters/prod/settings.yaml", BRANCH)).toContain("LOG_LEVEL: debug # keep at info in prod");
  });
});

describe("a Git file that does not load", () => {
  const BROKEN = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  namespace: shop\ndata: [unclosed\n";

  it("stops both doors: its objects would look missing from Git", async () => {
    world = await startWorld({ shop: { logLevel: "debug" }, files: { "clusters/prod/broken.yaml": BROKEN } });
    const report = await world.check();
    expect(report.clusters[0]).toMatchObject({ outcome: "error", errorStage: "config" });
    expect(world.repo.pulls).toEqual([]);
    const check = world.repo.checkRuns[0];
    expect(check?.conclusion).toBe("failure");
    expect(check?.output.summary).toContain("clusters/prod/broken.yaml:7:1:");
    expect(check?.output.summary).toContain("objects that cannot be read would look missing from Git");

    const checkout = await tempTree({ ".github/plumbline.yml": CONFIG, "clusters/prod/broken.yaml": BROKEN });
    const cli = await run(checkout, ["drift", "--cluster", "prod", "--kubeconfig", world.kubeconfig.file, "--write"]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain("plumbline: error: clusters/prod/broken.yaml:7:1:");
    expect(cli.stderr).toContain("objects that cannot be read would look missing from Git");
  });
});

describe("an object the YAML cannot carry faithfully", () => {
  const GIT = `apiVersion: v1
kind: ConfigMap
metadata: {name: aliased, namespace: shop}
data:
  LOG_LEVEL: &level info
  AUDIT_LEVEL: *level
---
apiVersion: v1
kind: ConfigMap
metadata: {name: plain, namespace: shop}
data:
  LOG_LEVEL: info
`;
  const edited = (name: string) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name,
      namespace: "shop",
      managedFields: [
        {
          manager: "kubectl-edit",
          operation: "Update",
          apiVersion: "v1",
          time: "2025-03-04T16:20:00Z",
          fieldsType: "FieldsV1",
          fieldsV1: { "f:data": { "f:LOG_LEVEL": {} } },
        },
      ],
    },
    data: { LOG_LEVEL: "debug", ...(name === "aliased" ? { AUDIT_LEVEL: "info" } : {}) },
  });

  it("is named and left as it is, while the other objects of its file are written", async () => {
    const dir = await tempTree({
      "git/app.yaml": GIT,
      "live.json": JSON.stringify({ apiVersion: "v1", kind: "List", items: [edited("aliased"), edited("plain")] }),
    });
    const cli = await run(dir, ["drift", "--git", "git", "--live", "live.json", "--write"]);
    expect(cli.stderr).toMatch(/plumbline: git\/app\.yaml: ConfigMap shop\/aliased not written: /);
    expect(cli.stderr).toContain("wrote 1 change(s) to 1 file(s)");
    const text = await readFile(path.join(dir, "git/app.yaml"), "utf8");
    expect(text).toBe(GIT.replace("LOG_LEVEL: info\n", "LOG_LEVEL: debug\n"));
    expect(text).toContain("LOG_LEVEL: &level info");
  });
});
