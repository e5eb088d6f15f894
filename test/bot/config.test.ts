import { afterEach, describe, expect, it } from "vitest";
import { liveShop } from "./support/cluster.js";
import { CONFIG, startWorld, type World } from "./support/harness.js";

/** What `.github/plumbline.yml` turns on: the check itself, `mode: issue`, the dashboard, and what an invalid file does. */

let world: World | undefined;
afterEach(async () => {
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

describe("an invalid configuration", () => {
  it("gets one check run that says what is wrong, and nothing else happens", async () => {
    world = await startWorld({ config: CONFIG.replace("schedule: 30", "schedule: often"), shop: { logLevel: "debug" } });
    const report = await world.check();

    expect(report).toMatchObject({ config: "invalid", clusters: [] });
    expect(report.message).toBe('.github/plumbline.yml: drift.schedule: must be a whole number, not "often"');
    expect(world.repo.checkRuns).toMatchObject([{ name: "Plumbline configuration", conclusion: "failure" }]);
    expect(world.repo.checkRuns[0]?.output.summary).toContain("drift.schedule: must be a whole number");
    expect(world.repo.pulls).toEqual([]);
    expect(world.api.requestLines()).toEqual([]);

    world.github.clear();
    await world.check();
    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.github.requests.filter((request) => request.method !== "GET" && !request.url.includes("access_tokens"))).toEqual(
      [],
    );
  });

  it("that is not YAML is reported the same way", async () => {
    world = await startWorld({ config: "drift:\n  clusters: [\n", shop: { logLevel: "debug" } });
    const report = await world.check();
    expect(report.config).toBe("invalid");
    expect(report.message).toMatch(/^\.github\/plumbline\.yml: invalid YAML/);
    expect(world.repo.checkRuns).toHaveLength(1);
  });
});

describe("mode: issue", () => {
  it("opens one issue per cluster, updates it while the drift changes and closes it when the drift is gone", async () => {
    world = await startWorld({ config: `${CONFIG}  mode: issue\n`, shop: { logLevel: "debug" } });
    const first = await world.check();
    expect(first.clusters[0]?.proposal?.action).toBe("created");
    expect(world.repo.pulls).toEqual([]);
    expect(world.repo.git.refs.has("heads/plumbline/drift/prod")).toBe(false);
    expect(world.repo.issues).toHaveLength(1);
    expect(world.repo.issues[0]).toMatchObject({ title: "Drift in cluster prod", state: "open", labels: ["drift"] });
    expect(world.repo.issues[0]?.body).toContain("`info` → `debug`");

    expect((await world.check()).clusters[0]?.proposal?.action).toBe("unchanged");

    world.api.use(...liveShop({ logLevel: "debug", currency: "USD" }));
    expect((await world.check()).clusters[0]?.proposal?.action).toBe("updated");
    expect(world.repo.issues[0]?.body).toContain("`EUR` → `USD`");

    world.api.use(...liveShop({}));
    expect((await world.check()).clusters[0]?.proposal?.action).toBe("closed");
    expect(world.repo.issues).toHaveLength(1);
    expect(world.repo.issues[0]?.state).toBe("closed");
    expect(world.repo.comments.map((comment) => comment.body)).toEqual([expect.stringContaining("matches Git again")]);
  });
});

describe("dashboard: true", () => {
  it("keeps one dashboard issue, whose rows change only with a cluster's state (and its last-checked time)", async () => {
    world = await startWorld({ config: `${CONFIG}  dashboard: true\n`, shop: { logLevel: "debug" } });
    await world.check();
    const dashboards = world.repo.issues.filter((issue) => issue.title === "Drift dashboard");
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]?.body).toContain(
      `| \`prod\` | ⚠️ drift | 1 resource drifted, 1 change (1 to write back, 0 ignore rules to add) | #${world.repo.pulls[0]?.number} |`,
    );

    // the second check edits the body in place: the same rows, a later "Last checked"
    const rows = (body: string) =>
      body
        .split("\n")
        .filter((line) => line.startsWith("| `prod`"))
        .map((line) => line.replace(/[^|]*\|$/, ""));
    const first = world.repo.issues.find((issue) => issue.title === "Drift dashboard")?.body ?? "";
    world.github.clear();
    await world.check();
    expect(world.github.requests.some((request) => request.operation === "POST /repos/{owner}/{repo}/issues")).toBe(false);
    const second = world.repo.issues.find((issue) => issue.title === "Drift dashboard")?.body ?? "";
    expect(rows(second)).toEqual(rows(first));

    world.api.use(...liveShop({}));
    await world.check();
    expect(world.repo.issues.filter((issue) => issue.title === "Drift dashboard")).toHaveLength(1);
    expect(world.repo.issues[0]?.body).toContain("| `prod` | ✅ matches Git | matches Git | #");
  });
});
