import { afterEach, expect, it } from "vitest";
import { fixture } from "../support/kube-api/index.js";
import { GIT_PASSWORD } from "./support/cluster.js";
import { startWorld, type World } from "./support/harness.js";

/** A Secret that drifted: its values reach no request the App sends and no log line. */

const LIVE_PASSWORD = "live-password-Kx42";
const FORBIDDEN = [
  GIT_PASSWORD,
  LIVE_PASSWORD,
  Buffer.from(GIT_PASSWORD).toString("base64"),
  Buffer.from(LIVE_PASSWORD).toString("base64"),
];

let world: World | undefined;
afterEach(async () => {
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

function expectNoSecret(current: World): void {
  const transcript = current.github.transcript();
  const logs = current.logs.join("\n");
  for (const value of FORBIDDEN) {
    expect(transcript).not.toContain(value);
    expect(logs).not.toContain(value);
  }
}

it("reports a drifted Secret only as a changed value of its key, and writes nothing for it", async () => {
  world = await startWorld({ shop: { password: LIVE_PASSWORD } });
  const report = await world.check();

  expect(report.clusters[0]).toMatchObject({ outcome: "drift", proposal: { action: "none" } });
  expect(world.repo.pulls).toEqual([]);
  const summary = world.repo.checkRuns[0]?.output.summary ?? "";
  expect(summary).toContain("| `Secret shop/shop-db` | `data.password` | password: value changed |");
  // the bot's fingerprints are keyed for it alone: a reader could do nothing with them
  expect(summary).not.toContain("hmac:");
  expect(summary).toContain("not written: Secret values are never written to Git");
  expectNoSecret(world);
});

it("keeps Secret values out of the pull request, its commit and the logs when other drift is written back", async () => {
  world = await startWorld({ shop: { password: LIVE_PASSWORD, logLevel: "debug" } });
  await world.check();

  expect(world.repo.pulls).toHaveLength(1);
  expect(world.repo.pulls[0]?.body).toContain("| `data.password` | password: value changed |");
  // the file holding the Secret is never re-uploaded
  const blobs = world.github.requests.filter((request) => request.operation === "POST /repos/{owner}/{repo}/git/blobs");
  expect(blobs).toHaveLength(1);
  expect(JSON.parse(blobs[0]?.text ?? "{}").content).toContain("kind: ConfigMap");
  expectNoSecret(world);

  // the same drift again: Secret fingerprints (keyed per process) do not enter the drift's identity
  world.github.clear();
  const again = await world.check();
  expect(again.clusters[0]?.proposal?.action).toBe("unchanged");
  expectNoSecret(world);
});

it("does not rewrite a file that holds Secret values even when another document in it drifted", async () => {
  const secretAndConfig = `apiVersion: v1
kind: Secret
metadata:
  name: shop-db
  namespace: shop
type: Opaque
data:
  password: ${Buffer.from(GIT_PASSWORD).toString("base64")}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-settings
  namespace: shop
data:
  LOG_LEVEL: info
  CURRENCY: EUR
`;
  world = await startWorld({
    shop: { logLevel: "debug" },
    files: { "clusters/prod/settings.yaml": "# moved\n", "clusters/prod/db-secret.yaml": secretAndConfig },
  });
  const report = await world.check();

  expect(report.clusters[0]?.proposal?.action).toBe("none");
  expect(world.repo.pulls).toEqual([]);
  expect(world.repo.checkRuns[0]?.output.summary).toContain("not written: the file holds Secret values");
  expectNoSecret(world);
});

it("keeps a credential the cluster set as a literal env value out of the pull request, its commit and the logs", async () => {
  const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: shop/web:1.4.2
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: shop-db, key: password}
            - name: LOG_FORMAT
              value: json
`;
  world = await startWorld({ shop: { logLevel: "debug" }, files: { "clusters/prod/web.yaml": web } });
  const live = {
    metadata: {
      name: "web",
      namespace: "shop",
      uid: "uid-web",
      resourceVersion: "52001",
      // `kubectl set env` replaced the secretKeyRef with a literal and changed LOG_FORMAT
      managedFields: [
        {
          manager: "kubectl-set",
          operation: "Update",
          apiVersion: "apps/v1",
          time: "2025-03-04T16:20:00Z",
          fieldsType: "FieldsV1",
          fieldsV1: {
            "f:spec": {
              "f:template": {
                "f:spec": {
                  "f:containers": {
                    'k:{"name":"web"}': {
                      "f:env": {
                        'k:{"name":"DB_PASSWORD"}': { ".": {}, "f:name": {}, "f:value": {} },
                        'k:{"name":"LOG_FORMAT"}': { ".": {}, "f:name": {}, "f:value": {} },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      ],
    },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "web",
              image: "shop/web:1.4.2",
              env: [
                { name: "DB_PASSWORD", value: LIVE_PASSWORD },
                { name: "LOG_FORMAT", value: "text" },
              ],
            },
          ],
        },
      },
    },
  };
  world.api.use(fixture("cluster/discovery/apis-apps-v1.json"), {
    description: "deployments in shop",
    request: { method: "GET", path: "/apis/apps/v1/namespaces/shop/deployments" },
    response: {
      status: 200,
      body: { kind: "DeploymentList", apiVersion: "apps/v1", metadata: { resourceVersion: "52001" }, items: [live] },
    },
    source: "bot:deployments",
  });
  const report = await world.check();

  expect(report.clusters[0]?.outcome).toBe("drift");
  expect(world.repo.pulls).toHaveLength(1);
  const body = world.repo.pulls[0]?.body ?? "";
  const rows = body.split("\n").filter((line) => line.includes("env[DB_PASSWORD]"));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toContain("not written: Secret value");
  // Markdown escapes the underscore
  for (const row of rows) expect(row).toMatch(/DB\\_PASSWORD: (value changed|added in the cluster|removed from the cluster)/);
  expect(rows.join("\n")).not.toContain("hmac:");
  // the ordinary variable is written back; the credential's secretKeyRef stays as Git has it
  const blobs = world.github.requests.filter((request) => request.operation === "POST /repos/{owner}/{repo}/git/blobs");
  const written = blobs.map((blob) => String(JSON.parse(blob.text).content)).join("\n");
  expect(written).toContain("value: text");
  expect(written).toContain("secretKeyRef: {name: shop-db, key: password}");
  expectNoSecret(world);
});
