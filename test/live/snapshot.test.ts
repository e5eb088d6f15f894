import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isListed, LiveSourceError, readLiveState, type WantedKind, whyUnlisted } from "../../src/live/index.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import { FIXTURES_ROOT } from "../support/kube-api/index.js";

const SNAPSHOTS = path.join(FIXTURES_ROOT, "snapshots");
const snapshot = (name: string) => ({ type: "snapshot" as const, path: path.join(SNAPSHOTS, name) });
const names = (objects: Array<Record<string, unknown>>) =>
  objects.map((object) => `${object.kind}/${(object.metadata as { name: string }).name}`);

describe("reading a snapshot", () => {
  it("expands a kubectl List and keeps only what Git declares", async () => {
    const wanted: WantedKind[] = [
      { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" },
      { apiVersion: "v1", kind: "Service" },
    ];
    const state = await readLiveState(snapshot("list.yaml"), wanted);

    // Service/web lives in shop, which Git's namespace-less Service does not ask for
    expect(names(state.objects)).toEqual(["Deployment/api", "Deployment/web"]);
    expect(state.listed).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" },
      // namespace-less in Git: the default namespace, which this snapshot does not show
    ]);
    expect(state.unlisted).toEqual([
      {
        apiVersion: "v1",
        kind: "Service",
        namespace: "default",
        reason: "not-in-snapshot",
        message: `the snapshot ${path.join(SNAPSHOTS, "list.yaml")} holds nothing in namespace "default", so it cannot tell what exists there`,
      },
    ]);
    const api = state.objects[0] as { metadata: { managedFields: Array<{ manager: string }> } };
    expect(api.metadata.managedFields[0]?.manager).toBe("kubectl-edit");
    expect(state.source).toBe(`snapshot ${path.join(SNAPSHOTS, "list.yaml")}`);

    const inShop = await readLiveState(snapshot("list.yaml"), wanted, { defaultNamespace: "shop" });
    expect(names(inShop.objects)).toEqual(["Deployment/api", "Deployment/web", "Service/web"]);
    expect(inShop.unlisted).toEqual([]);
  });

  it("reads a multi-document file and infers which kinds are namespaced", async () => {
    const wanted: WantedKind[] = [
      { apiVersion: "v1", kind: "Namespace" },
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", namespace: "shop" },
      { apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", namespace: "shop" },
      { apiVersion: "v1", kind: "ConfigMap", namespace: "payments" },
      { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" },
    ];
    const state = await readLiveState(snapshot("multi-doc.yaml"), wanted, { defaultNamespace: "shop" });

    expect(names(state.objects)).toEqual([
      "Namespace/shop",
      "PodDisruptionBudget/web",
      "HorizontalPodAutoscaler/web",
      "ConfigMap/ledger-settings",
    ]);
    // a version of the group Git did not use is still the same kind; the object keeps its own version
    expect(state.objects[2]?.apiVersion).toBe("autoscaling/v2");
    expect(state.kinds).toContainEqual({ apiVersion: "v1", kind: "Namespace", namespaced: false });
    expect(state.kinds).toContainEqual({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", namespaced: true });
    expect(isListed(state, { apiVersion: "v1", kind: "Namespace" })).toBe(true);
    expect(isListed(state, { apiVersion: "policy/v1", kind: "PodDisruptionBudget" })).toBe(true);
    // no Deployment anywhere in the snapshot: it cannot say the shop's are missing
    expect(whyUnlisted(state, { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" })).toMatchObject({
      reason: "not-in-snapshot",
      message: expect.stringContaining("holds no Deployment (apps/v1)"),
    });
  });

  it("reads every manifest file of a directory, JSON included", async () => {
    const wanted: WantedKind[] = [
      { apiVersion: "v1", kind: "ConfigMap", namespace: "shop" },
      { apiVersion: "v1", kind: "ConfigMap", namespace: "payments" },
      { apiVersion: "v1", kind: "Namespace" },
    ];
    const state = await readLiveState(snapshot("shop-dir"), wanted);
    expect(names(state.objects)).toEqual(["ConfigMap/shop-settings", "Namespace/shop", "Namespace/payments"]);
    // payments is in the snapshot (as a Namespace) and holds no ConfigMap: those are really absent
    expect(state.listed).toEqual([
      { apiVersion: "v1", kind: "ConfigMap", namespace: "shop" },
      { apiVersion: "v1", kind: "ConfigMap", namespace: "payments" },
      { apiVersion: "v1", kind: "Namespace" },
    ]);
    expect(state.unlisted).toEqual([]);
  });

  it("fails on a file that does not parse, with its position", async () => {
    const error = await readLiveState(snapshot("broken.yaml"), []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveSourceError);
    expect((error as LiveSourceError).code).toBe("snapshot");
    expect((error as LiveSourceError).message).toMatch(/^snapshot .*broken\.yaml:\d+:\d+: /);
  });

  it("fails on a path that does not exist", async () => {
    const error = (await readLiveState(snapshot("nope.yaml"), []).catch((e: unknown) => e)) as LiveSourceError;
    expect(error.code).toBe("snapshot");
    expect(error.message).toBe(`snapshot ${path.join(SNAPSHOTS, "nope.yaml")}: no such file or directory`);
  });
});

describe("a whole-cluster snapshot", () => {
  // `kubectl get -A -o yaml` writes one List: past the bound a pull request's file may cost, yet the
  // user's own file, so it loads; a pull request's file this size would be skipped as too large
  it("loads one List document larger than a checked file may be", async () => {
    const items = Array.from(
      { length: 30_000 },
      (_, index) =>
        `- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c${index}, namespace: shop}\n  data: {a: "1", b: "2"}\n`,
    );
    const text = `apiVersion: v1\nkind: List\nitems:\n${items.join("")}`;
    expect(parseManifestText(text, "pr.yaml", "pr").problems.map((problem) => problem.kind)).toEqual(["too-large"]);

    const file = path.join(await mkdtemp(path.join(tmpdir(), "plumbline-snapshot-")), "cluster.yaml");
    await writeFile(file, text);
    const state = await readLiveState({ type: "snapshot", path: file }, [
      { apiVersion: "v1", kind: "ConfigMap", namespace: "shop" },
    ]);
    expect(state.objects).toHaveLength(30_000);
  }, 60_000);
});
