import { afterEach, describe, expect, it } from "vitest";
import { globMatch } from "../../bot/grants/glob.js";
import { type ClusterGrant, parseGrants } from "../../bot/grants/grants.js";
import { readSettings } from "../../bot/settings.js";
import { CONFIG, OWNER, REPO, startWorld, type World } from "./support/harness.js";

/**
 * Cluster access is granted by the operator, not claimed by the repository: a repository names a
 * context, and the bot uses it only when a grant names the repository, and only in the granted
 * namespaces. Refusals say nothing about other contexts, servers or tenants.
 */

let world: World | undefined;
afterEach(async () => {
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

function grant(fields: Partial<ClusterGrant>): ClusterGrant {
  return {
    context: "recorded",
    inCluster: false,
    installations: [],
    owners: [],
    repositories: [],
    namespaces: ["shop"],
    clusterScoped: false,
    ...fields,
  };
}

/** Everything a tenant could see: what GitHub received and every log line. */
function seen(current: World): string {
  return `${current.github.transcript()}\n${current.logs.join("\n")}`;
}

function expectRefused(current: World, report: Awaited<ReturnType<World["check"]>>): void {
  expect(report.clusters[0]).toMatchObject({ outcome: "error", errorStage: "grant" });
  expect(report.clusters[0]?.summary).toContain("is not granted to this repository");
  // nothing was read from the cluster, and nothing was proposed
  expect(current.api.requestLines()).toEqual([]);
  expect(current.repo.pulls).toEqual([]);
  expect(current.repo.checkRuns).toMatchObject([{ name: "Plumbline drift (prod)", conclusion: "failure" }]);
  const text = seen(current);
  // no other context, no server, no kubeconfig path
  for (const hidden of ["elsewhere", current.api.url, "127.0.0.1:9", current.kubeconfig.file]) {
    expect(text).not.toContain(hidden);
  }
}

describe("without a grant (the default)", () => {
  it("refuses a context the kubeconfig holds, and reads nothing", async () => {
    world = await startWorld({ grants: [], shop: { logLevel: "debug" } });
    expectRefused(world, await world.check());
  });

  it("refuses a context the kubeconfig lacks with the same words, listing no context", async () => {
    world = await startWorld({ grants: [], config: CONFIG.replace("context: recorded", "context: nosuch") });
    const report = await world.check();
    expectRefused(world, report);
    expect(report.clusters[0]?.summary).toBe(
      'cluster "prod": context "nosuch" is not granted to this repository. The bot\'s operator grants clusters to repositories (docs/bot.md, "Grant clusters to repositories").',
    );
  });

  it("refuses inCluster: true", async () => {
    world = await startWorld({ grants: [], config: CONFIG.replace("context: recorded", "inCluster: true") });
    const report = await world.check();
    expectRefused(world, report);
    expect(report.clusters[0]?.summary).toContain("in-cluster access is not granted");
  });
});

describe("a grant for another tenant", () => {
  it("does not let this repository use the context", async () => {
    world = await startWorld({
      grants: [grant({ repositories: [`${OWNER}/billing-*`], owners: ["other-org"], installations: [999_999] })],
    });
    expectRefused(world, await world.check());
  });

  it("for another context does not open this one", async () => {
    world = await startWorld({ grants: [grant({ context: "elsewhere", repositories: [`${OWNER}/${REPO}`] })] });
    expectRefused(world, await world.check());
  });

  it("in-cluster does not open a context, nor a context in-cluster", async () => {
    world = await startWorld({
      grants: [{ ...grant({ owners: [OWNER] }), context: undefined, inCluster: true } as ClusterGrant],
    });
    expectRefused(world, await world.check());
  });
});

describe("a grant for this repository", () => {
  it("by repository glob, owner or installation lets the check run", async () => {
    const installation = 31_337; // the fake GitHub's installation
    for (const fields of [{ repositories: [`${OWNER}/shop-*`] }, { owners: ["OCTO-*"] }, { installations: [installation] }]) {
      world = await startWorld({ grants: [grant(fields)], shop: { logLevel: "debug" } });
      expect(world.github.installationId).toBe(installation);
      const report = await world.check();
      expect(report.clusters[0]?.outcome).toBe("drift");
      expect(world.repo.pulls).toHaveLength(1);
      await world.close();
      world = undefined;
    }
  });

  it("for a context the kubeconfig lacks tells the repository only that the operator must fix it", async () => {
    world = await startWorld({
      grants: [grant({ context: "nosuch", repositories: [`${OWNER}/${REPO}`] })],
      config: CONFIG.replace("context: recorded", "context: nosuch"),
    });
    const report = await world.check();
    expect(report.clusters[0]).toMatchObject({ outcome: "error", errorStage: "cluster" });
    const summary = world.repo.checkRuns[0]?.output.summary ?? "";
    expect(summary).toBe(
      "cannot read cluster prod: the bot's credentials for it cannot be used (its operator finds why in the bot's log)",
    );
    expect(world.github.transcript()).not.toMatch(/recorded|elsewhere|plumbline-kubeconfig/);
    // the operator's log says what is wrong
    expect(world.logs.some((line) => line.includes('context \\"nosuch\\" not found in the kubeconfig'))).toBe(true);
  });

  it("reads only the granted namespaces: others are not listed, not even asked for", async () => {
    const payments = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ledger
  namespace: payments
data:
  LIMIT: "10"
`;
    world = await startWorld({
      grants: [grant({ repositories: [`${OWNER}/${REPO}`], namespaces: ["shop"] })],
      config: CONFIG.replace("namespaces: [shop]", "namespaces: [shop, payments]"),
      files: { "clusters/prod/payments.yaml": payments },
      shop: { logLevel: "debug" },
    });
    const report = await world.check();

    expect(report.clusters[0]?.outcome).toBe("drift");
    const lines = world.api.requestLines();
    expect(lines.some((line) => line.startsWith("GET /api/v1/namespaces/shop/configmaps"))).toBe(true);
    expect(lines.filter((line) => line.includes("payments"))).toEqual([]);
    expect(world.repo.checkRuns[0]?.output.summary).toContain(
      'namespace "payments" is outside what this cluster may be read for',
    );
  });

  it("keeps cluster-scoped kinds out unless it says clusterScoped: true", async () => {
    const namespace = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";
    world = await startWorld({
      grants: [grant({ repositories: [`${OWNER}/${REPO}`] })],
      files: { "clusters/prod/namespace.yaml": namespace },
      shop: { logLevel: "debug" },
    });
    await world.check();
    expect(world.api.requestLines().filter((line) => line.startsWith("GET /api/v1/namespaces?"))).toEqual([]);
  });
});

describe("the grants the operator writes", () => {
  it("are read from PLUMBLINE_CLUSTER_GRANTS; none means nothing is granted", () => {
    const env = { APP_ID: "1", PRIVATE_KEY: "-----BEGIN KEY-----", WEBHOOK_SECRET: "s" };
    expect(readSettings(env).grants).toEqual([]);
    const yaml = `- context: prod-readonly
  repositories: [octo-org/shop-*]
  namespaces: [shop]
- inCluster: true
  owners: [Octo-Org]
  installations: [42]
  namespaces: ["*"]
  clusterScoped: true
`;
    expect(readSettings({ ...env, PLUMBLINE_CLUSTER_GRANTS: yaml }).grants).toEqual([
      grant({ context: "prod-readonly", repositories: ["octo-org/shop-*"] }),
      { inCluster: true, installations: [42], owners: ["octo-org"], repositories: [], namespaces: ["*"], clusterScoped: true },
    ]);
  });

  it.each([
    ["- context: a\n  repositories: [o/r]\n", "PLUMBLINE_CLUSTER_GRANTS[0].namespaces: list the namespaces"],
    ["- context: a\n  namespaces: [x]\n", "name who may use it"],
    ["- context: a\n  inCluster: true\n  owners: [o]\n  namespaces: [x]\n", "set either context or inCluster: true"],
    ["- context: a\n  owners: [o]\n  namespace: [x]\n", 'unknown key "namespace"'],
    ["- context: a\n  repositories: [just-a-name]\n  namespaces: [x]\n", "repositories[0] is not valid"],
    ["context: a\n", "must be a list of grants"],
    ["- [", "is not valid YAML"],
  ])("refuse to start on a mistake: %j", (yaml, message) => {
    expect(() => parseGrants(yaml)).toThrow(message);
  });
});

describe("grant globs", () => {
  it("match within one part, case as given", () => {
    expect(globMatch("octo-org/shop-*", "octo-org/shop-deploy")).toBe(true);
    expect(globMatch("octo-org/*", "octo-org/a")).toBe(true);
    expect(globMatch("*", "octo-org/a")).toBe(false);
    expect(globMatch("*/*", "octo-org/a")).toBe(true);
    expect(globMatch("team-*-prod", "team-a-prod")).toBe(true);
    expect(globMatch("team-*-prod", "team-prod")).toBe(false);
    expect(globMatch("a*b*c", "abc")).toBe(true);
    expect(globMatch("a*b*c", "acb")).toBe(false);
    expect(globMatch("shop", "shop-2")).toBe(false);
  });

  it("take linear time on a pattern that makes backtracking matchers explode", () => {
    const pattern = `${"*a".repeat(30)}*b`;
    const text = "a".repeat(100_000);
    const started = performance.now();
    expect(globMatch(pattern, text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
