/**
 * `plumbline drift --context` end to end: the real @kubernetes/client-node reads a recorded API server on
 * 127.0.0.1 that serves the example cluster, and the report must be the one the snapshot of that same
 * cluster gives.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import {
  type Exchange,
  fixtures,
  type KubeApi,
  startKubeApi,
  type TestKubeconfig,
  writeKubeconfig,
} from "../support/kube-api/index.js";

type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

/** Plural resource names of the kinds in the example snapshot, as discovery names them. */
const PLURALS: Record<string, string> = {
  Namespace: "namespaces",
  Deployment: "deployments",
  StatefulSet: "statefulsets",
  Service: "services",
  Secret: "secrets",
  CronJob: "cronjobs",
  PodDisruptionBudget: "poddisruptionbudgets",
  NetworkPolicy: "networkpolicies",
};

const BATCH_DISCOVERY: Exchange = {
  request: { method: "GET", path: "/apis/batch/v1" },
  response: {
    status: 200,
    body: {
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: "batch/v1",
      resources: [
        { name: "cronjobs", singularName: "cronjob", namespaced: true, kind: "CronJob", verbs: ["get", "list", "watch"] },
        { name: "jobs", singularName: "job", namespaced: true, kind: "Job", verbs: ["get", "list", "watch"] },
      ],
    },
  },
};

/** One list answer per kind and namespace, holding the snapshot's objects the way a real server lists them. */
function listsOf(objects: KubeObject[]): Exchange[] {
  const groups = new Map<string, { path: string; list: KubeObject[]; kind: string; apiVersion: string }>();
  for (const object of objects) {
    const plural = PLURALS[object.kind];
    if (!plural) throw new Error(`no plural recorded for ${object.kind}`);
    const base = object.apiVersion.includes("/") ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
    const namespace = object.metadata.namespace;
    const listPath = namespace ? `${base}/namespaces/${namespace}/${plural}` : `${base}/${plural}`;
    const group = groups.get(listPath) ?? { path: listPath, list: [], kind: object.kind, apiVersion: object.apiVersion };
    // a list's items carry neither apiVersion nor kind, as the API server sends them
    const { apiVersion: _apiVersion, kind: _kind, ...item } = object;
    group.list.push(item as KubeObject);
    groups.set(listPath, group);
  }
  return [...groups.values()].map(({ path: listPath, list, kind, apiVersion }) => ({
    request: { method: "GET", path: listPath },
    response: { status: 200, body: { kind: `${kind}List`, apiVersion, metadata: { resourceVersion: "48300000" }, items: list } },
  }));
}

let api: KubeApi;
let secretValues: string[];
let kubeconfig: TestKubeconfig;

beforeAll(async () => {
  const snapshot = parse(readFileSync(path.resolve("examples/live/shop.yaml"), "utf8")) as { items: KubeObject[] };
  secretValues = snapshot.items
    .filter((object) => object.kind === "Secret")
    .flatMap((object) => Object.values((object as { data?: Record<string, string> }).data ?? {}));
  const discovery = fixtures("cluster").filter((exchange) => !exchange.request.path.includes("/namespaces"));
  api = await startKubeApi({ exchanges: [...discovery, BATCH_DISCOVERY, ...listsOf(snapshot.items)] });
  kubeconfig = await writeKubeconfig(api.url);
});

afterAll(async () => {
  await api?.close();
  await kubeconfig?.dispose();
});

async function drift(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(["drift", ...args], {
    cwd: path.resolve("examples"),
    env: {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTty: false,
    readStdin: async () => "",
  });
  return { code, stdout, stderr };
}

describe("plumbline drift --context", () => {
  it("reads the cluster through the Kubernetes API and reports what the snapshot of it reports", async () => {
    const live = await drift(
      "--git",
      "shop",
      "--context",
      kubeconfig.context,
      "--kubeconfig",
      kubeconfig.file,
      "--format",
      "json",
    );
    const snapshot = await drift("--git", "shop", "--live", "live", "--format", "json");
    expect(live.code).toBe(1);
    const summary = (out: string) =>
      (
        JSON.parse(out) as { resources: { status: string; kind: string; name: string; changes: { path: string }[] }[] }
      ).resources.map((r) => `${r.status} ${r.kind}/${r.name} ${r.changes.map((c) => c.path).join(",")}`);
    expect(summary(live.stdout)).toEqual(summary(snapshot.stdout));
    expect(live.stdout).toContain("kubectl-edit");
    for (const value of secretValues) {
      expect(live.stdout + live.stderr).not.toContain(value);
      expect(live.stdout + live.stderr).not.toContain(Buffer.from(value, "base64").toString("utf8"));
    }
  });

  it("asks the server only for discovery and the kinds and namespaces Git holds", async () => {
    const before = api.requests.length;
    await drift("--git", "shop", "--context", kubeconfig.context, "--kubeconfig", kubeconfig.file, "--format", "json");
    const paths = api.requests.slice(before).map((request) => request.path);
    expect(paths).toContain("/apis/apps/v1/namespaces/shop/deployments");
    expect(paths.every((p) => p.startsWith("/api") || p === "/version")).toBe(true);
    expect(paths.some((p) => p.includes("/namespaces/kube-system/"))).toBe(false);
  });
});
