/** `plumbline drift` end to end on the example shop: formats, exit codes, errors and --write. */

import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "plumbline-drift-"));
  cpSync(path.resolve("examples/shop"), path.join(dir, "shop"), { recursive: true });
  cpSync(path.resolve("examples/live"), path.join(dir, "live"), { recursive: true });
});

async function drift(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(["drift", ...args], {
    cwd: dir,
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

const read = (file: string) => readFileSync(path.join(dir, file), "utf8");

describe("plumbline drift", () => {
  it("reports the example's drift and exits 1", async () => {
    const { code, stdout } = await drift("--git", "shop", "--live", "live");
    expect(code).toBe(1);
    expect(stdout).toContain("Deployment shop/frontend  modified");
    expect(stdout).toMatch(
      /containers\[web\]\.image {2}ghcr\.io\/example\/frontend:4\.12\.1 → ghcr\.io\/example\/frontend:4\.12\.2-hotfix/,
    );
    expect(stdout).toContain("by kubectl-edit (imperative) on 2026-09-14 02:13 UTC");
    expect(stdout).toContain("Deployment shop/checkout  missing");
    expect(stdout).toContain("Service shop/frontend-debug  extra");
    expect(stdout).toMatch(/4 modified \(6 fields\), 1 missing, 1 extra/);
  });

  it("prints exactly the documented JSON", async () => {
    const { code, stdout, stderr } = await drift("--git", "shop", "--live", "live", "--format", "json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { resources: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(Object.keys(report)).toEqual(["version", "resources", "summary"]);
    expect((report as { version?: unknown }).version).toBe(1);
    for (const resource of report.resources) {
      const keys = Object.keys(resource).filter((key) => key !== "file");
      expect(keys).toEqual(["apiVersion", "kind", "namespace", "name", "status", "changes", "patch"]);
      for (const change of resource.changes as Record<string, unknown>[]) {
        expect(Object.keys(change).slice(0, 3)).toEqual(["path", "git", "live"]);
        for (const key of Object.keys(change).slice(3)) expect(["manager", "operation", "time", "actor"]).toContain(key);
      }
    }
    expect(report.resources.map((r) => `${r.status} ${r.kind}/${r.name}`)).toEqual([
      "missing Deployment/checkout",
      "modified Deployment/frontend",
      "modified CronJob/nightly-report",
      "modified Secret/payments-db",
      "modified Deployment/payments-api",
      "extra Service/frontend-debug",
    ]);
    // the warnings go to stderr, keeping stdout pure JSON
    expect(stderr).toMatch(/warning: Ingress in shop not compared/);
  });

  it("never shows a Secret value", async () => {
    const secretValues = [read("shop/orders-db/secret.yaml").match(/password: (\S+)/)?.[1] as string];
    secretValues.push(Buffer.from(secretValues[0] as string, "base64").toString());
    const live = read("live/shop.yaml").match(/password: (\S+)/)?.[1] as string;
    secretValues.push(live, Buffer.from(live, "base64").toString());
    for (const format of ["text", "json", "markdown"]) {
      const { stdout, stderr } = await drift("--git", "shop", "--live", "live", "--format", format, "--write");
      for (const value of secretValues) expect(stdout + stderr).not.toContain(value);
    }
    expect(read("shop/orders-db/secret.yaml")).not.toContain(live);
  });

  it("exits 0 when Git and the cluster agree", async () => {
    // only orders-db's objects: otherwise the shop's other Services would be extra to this one file
    const list = parse(read("live/shop.yaml")) as { items: { metadata: { name: string } }[] };
    list.items = list.items.filter((item) => item.metadata.name === "orders-db");
    writeFileSync(path.join(dir, "orders-db.json"), JSON.stringify(list));
    const { code, stdout } = await drift("--git", "shop/orders-db/statefulset.yaml", "--live", "orders-db.json");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^No drift: 2 of 2 objects in sync/m);
  });

  it("--write edits only the lines that drifted, and what it may not write stays drift", async () => {
    const before = { frontend: read("shop/frontend/deployment.yaml"), payments: read("shop/payments-api/deployment.yaml") };
    const written = await drift("--git", "shop", "--live", "live", "--write");
    expect(written.stderr).toContain("wrote 4 change(s) to 3 file(s)");
    expect(written.stderr).toContain(
      "not written: Secret shop/payments-db data.password: Secret values are never written to Git",
    );
    expect(written.stderr).toMatch(/not written: Deployment shop\/payments-api .*requests\.memory: set by rightsizing-operator/);

    const frontend = read("shop/frontend/deployment.yaml");
    const changed = frontend.split("\n").filter((line, index) => line !== before.frontend.split("\n")[index]);
    expect(changed).toEqual(["          image: ghcr.io/example/frontend:4.12.2-hotfix", "              memory: 512Mi"]);
    expect(read("shop/payments-api/deployment.yaml")).toContain(`            - name: LOG_LEVEL\n              value: debug\n`);
    expect(read("shop/payments-api/deployment.yaml").replace(/ {12}- name: LOG_LEVEL\n {14}value: debug\n/, "")).toBe(
      before.payments,
    );
    expect(read("shop/jobs/cronjob.yaml")).toMatch(/\n {2}suspend: true\n/);

    const again = await drift("--git", "shop", "--live", "live", "--format", "json");
    const left = (JSON.parse(again.stdout) as { resources: { status: string; name: string }[] }).resources;
    expect(left.map((r) => `${r.status} ${r.name}`)).toEqual([
      "missing checkout",
      "modified payments-db",
      "modified payments-api",
      "extra frontend-debug",
    ]);
  });

  it.each([
    [["--git", "shop"], /exactly one of --live, --context or --cluster/],
    [["--live", "live", "--context", "x"], /exactly one of/],
    [["--live", "live", "--format", "sarif"], /--format must be one of text, json, markdown/],
    [["--cluster", "prod"], /no cluster "prod"/],
    [["--live", "live", "--timeout", "-1"], /--timeout/],
  ])("a usage error exits 2: %j", async (args, message) => {
    const { code, stderr } = await drift(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("an unreadable snapshot is one line and exit 2", async () => {
    const { code, stderr } = await drift("--git", "shop", "--live", "nowhere.yaml");
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("a broken manifest stops the comparison with its file and line", async () => {
    writeFileSync(path.join(dir, "shop", "broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n");
    const { code, stderr, stdout } = await drift("--git", "shop", "--live", "live");
    expect(code).toBe(2);
    expect(stderr).toMatch(/error: shop\/broken\.yaml:\d+:\d+: /);
    expect(stdout).toBe("");
  });

  it("--cluster takes the Git paths and namespaces from the configuration", async () => {
    writeFileSync(
      path.join(dir, "plumbline.yml"),
      "drift:\n  clusters:\n    - name: prod\n      context: prod\n      paths: [shop/frontend]\n      namespaces: [shop]\n",
    );
    // a kubeconfig without that context: a clear error, no stack trace, and no connection attempted
    writeFileSync(
      path.join(dir, "kubeconfig"),
      "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\ncurrent-context: ''\n",
    );
    const { code, stderr } = await drift("--cluster", "prod", "--config", "plumbline.yml", "--kubeconfig", "kubeconfig");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^plumbline: .*prod/);
    expect(stderr).not.toMatch(/internal error/);
  });
});

describe("plumbline drift and what Git never applies", () => {
  it("compares anyway when an unused Kustomize Component sits among the manifests, and says so", async () => {
    const component = path.join(dir, "shop", "components", "debug");
    mkdirSync(component, { recursive: true });
    writeFileSync(
      path.join(component, "kustomization.yaml"),
      "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [debug.yaml]\n",
    );
    writeFileSync(
      path.join(component, "debug.yaml"),
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: debug, namespace: shop}\n",
    );
    const { code, stdout, stderr } = await drift("--git", "shop", "--live", "live");
    expect(stderr).toMatch(/warning: .*kustomization\.yaml:1:1: not checked: a Kustomize Component/);
    expect(code).toBe(1);
    expect(stdout).toContain("Deployment shop/frontend  modified");
  });

  it("matches the configuration's ignore globs in linear time", async () => {
    // picomatch's backtracking regex ran for minutes on this glob against a long enough path
    const glob = `shop/${"*a".repeat(25)}b`;
    mkdirSync(path.join(dir, ".github"));
    writeFileSync(path.join(dir, ".github", "plumbline.yml"), `ignore:\n  - "${glob}"\n  - "shop/checkout/**"\n`);
    writeFileSync(path.join(dir, "shop", `${"a".repeat(40)}.yaml`), "notes: not a Kubernetes object\n");
    const started = performance.now();
    const { stdout } = await drift("--git", "shop", "--live", "live");
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(stdout).not.toContain("Deployment shop/checkout");
  });
});
