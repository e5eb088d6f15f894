/** Drift of Helm-managed objects: Helm's bookkeeping is no drift; a drifted value goes back to its values line. */
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runDrift } from "../../src/drift/pipeline/index.js";
import { loadManifests } from "../../src/manifests/load.js";
import { helmBinary, withHelmOnPath } from "../support/helm.js";

const helm = helmBinary();

/** The chart's Deployment as the cluster holds it: Helm's marks, and replicas raised by `kubectl scale`. */
function liveDeployment(rendered: Record<string, unknown>): Record<string, unknown> {
  const object = structuredClone(rendered) as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
  object.metadata.annotations = { "meta.helm.sh/release-name": "shop", "meta.helm.sh/release-namespace": "default" };
  object.metadata.namespace = "default";
  object.metadata.managedFields = [
    {
      manager: "helm",
      operation: "Update",
      apiVersion: "apps/v1",
      time: "2026-11-01T09:00:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:metadata": { "f:annotations": { ".": {}, "f:meta.helm.sh/release-name": {}, "f:meta.helm.sh/release-namespace": {} } },
      },
    },
    {
      manager: "kubectl",
      operation: "Update",
      apiVersion: "apps/v1",
      time: "2026-11-02T09:00:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:spec": {
          "f:replicas": {},
          "f:template": { "f:spec": { "f:containers": { 'k:{"name":"shop"}': { "f:image": {} } } } },
        },
      },
    },
  ];
  object.spec.replicas = 4;
  const containers = (object.spec.template as { spec: { containers: { image: string }[] } }).spec.containers;
  (containers[0] as { image: string }).image = "ghcr.io/example/shop:1.5.0";
  return object;
}

describe.skipIf(!helm.dir)("drift of a Helm chart", () => {
  it("ignores Helm's bookkeeping, writes a drifted value back to its values line, and reports the rest unwritten", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "plumbline-helm-drift-"));
    await cp("test/fixtures/helm/shop", path.join(root, "shop"), { recursive: true });
    const load = () => withHelmOnPath(() => loadManifests(["shop"], { cwd: root, helm: { plain: true, root } }));
    const deployment = (await load()).resources.find((r) => r.kind === "Deployment");
    if (!deployment) throw new Error("the chart renders no Deployment");
    const snapshot = path.join(root, "live.yaml");
    await writeFile(snapshot, stringify({ apiVersion: "v1", kind: "List", items: [liveDeployment(deployment.object)] }));

    const run = await runDrift({
      git: { load, read: (file) => readFile(path.join(root, file), "utf8").catch(() => undefined) },
      source: { type: "snapshot", path: snapshot },
      write: {},
    });
    if (!run.ok) throw new Error(JSON.stringify(run.fatal));
    const drift = run.result.drifts.find((d) => d.kind === "Deployment");
    expect(drift?.changes.map((c) => c.path).sort()).toEqual(["/spec/replicas", "/spec/template/spec/containers/0/image"]);

    const outcomes = run.edits?.outcomes.filter((o) => o.drift.kind === "Deployment") ?? [];
    const replicas = outcomes.find((o) => o.change.path === "/spec/replicas");
    expect(replicas?.notWritten).toBeUndefined();
    // the image is two values joined: reported, never written
    const image = outcomes.find((o) => o.change.path.endsWith("/image"));
    expect(image?.notWritten).toContain("rendered by Helm");

    const values = run.edits?.files.find((f) => f.file === path.join("shop", "values.yaml"));
    expect(values?.text).toContain("# Default values for shop.\nreplicaCount: 4\n");
    expect(run.edits?.files.map((f) => f.file)).toEqual([path.join("shop", "values.yaml")]);
  }, 60_000);
});

if (!helm.dir)
  describe("drift of a Helm chart", () => {
    it("needs the packaged helm", (context) => context.skip(helm.missing));
  });
