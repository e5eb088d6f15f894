import { afterEach, describe, expect, it } from "vitest";
import { liveShop } from "./support/cluster.js";
import { CONFIG, startWorld, type World } from "./support/harness.js";

/** GitHub failing, GitHub limiting, the cluster gone, two runs at once, a repository without configuration. */

const worlds: World[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) {
    expect(world.github.violations).toEqual([]);
    await world.close();
  }
});

async function world(options: Parameters<typeof startWorld>[0] = {}): Promise<World> {
  const started = await startWorld(options);
  worlds.push(started);
  return started;
}

async function counter(current: World, name: "errors" | "runs", labels: Record<string, string>): Promise<number> {
  const metric = await current.bot.metrics[name].get();
  return (
    metric.values.find((value) =>
      Object.entries(labels).every(([key, wanted]) => (value.labels as Record<string, unknown>)[key] === wanted),
    )?.value ?? 0
  );
}

describe("GitHub answering 502", () => {
  it("retries a read that failed and opens one pull request", async () => {
    const current = await world({ shop: { logLevel: "debug" } });
    current.github.fail({ operation: "GET /repos/{owner}/{repo}/pulls", status: 502, body: { message: "Server Error" } });
    current.github.fail({ operation: "POST /repos/{owner}/{repo}/git/trees", status: 502 });

    const report = await current.check();

    expect(report.clusters[0]?.proposal?.action).toBe("created");
    expect(current.repo.pulls).toHaveLength(1);
    const statuses = current.github.requests
      .filter((request) => request.operation === "GET /repos/{owner}/{repo}/pulls")
      .map((request) => request.status);
    expect(statuses).toEqual([502, 200]);
  });

  it("does not duplicate a pull request, comment or check run whose create GitHub made but answered 502", async () => {
    const current = await world({ shop: { logLevel: "debug" } });
    for (const operation of [
      "POST /repos/{owner}/{repo}/pulls",
      "POST /repos/{owner}/{repo}/check-runs",
      "POST /repos/{owner}/{repo}/git/refs",
    ]) {
      current.github.fail({ operation, status: 502, afterEffect: true });
    }
    const report = await current.check();

    expect(report.clusters[0]).toMatchObject({ outcome: "drift", proposal: { action: "created" } });
    expect(current.repo.pulls).toHaveLength(1);
    expect(current.repo.pulls[0]?.labels).toEqual(["drift"]);
    expect(current.repo.checkRuns).toHaveLength(1);
    // each create went out once: what looked failed was looked up, not sent again
    expect(current.github.counts()["POST /repos/{owner}/{repo}/pulls"]).toBe(1);
    expect(current.github.counts()["POST /repos/{owner}/{repo}/check-runs"]).toBe(1);

    current.api.use(...liveShop({}));
    current.github.fail({
      operation: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      status: 502,
      afterEffect: true,
    });
    await current.check();
    expect(current.repo.comments).toHaveLength(1);
    expect(current.repo.pulls[0]?.state).toBe("closed");
  });
});

describe("GitHub's secondary rate limit", () => {
  it("waits as told and goes on, without duplicates", async () => {
    const current = await world({ shop: { logLevel: "debug" } });
    const limited = {
      status: 403,
      body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
      headers: { "retry-after": "1" },
    };
    current.github.fail({ operation: "POST /repos/{owner}/{repo}/pulls", ...limited });
    current.github.fail({ operation: "POST /repos/{owner}/{repo}/git/commits", ...limited });

    const report = await current.check();

    expect(report.clusters[0]?.proposal?.action).toBe("created");
    expect(current.repo.pulls).toHaveLength(1);
    expect(
      current.github.requests
        .filter((request) => request.operation === "POST /repos/{owner}/{repo}/pulls")
        .map((request) => request.status),
    ).toEqual([403, 201]);
    expect(current.logs.some((line) => line.includes("GitHub secondary rate limit"))).toBe(true);
  });
});

describe("a cluster that does not answer", () => {
  it("opens no pull request, reports the failure, counts the error, and the bot stays ready", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const current = await world({
      config: CONFIG.replace("context: recorded", "context: elsewhere"),
      shop: { logLevel: "debug" },
      overrides: { now: () => now },
    });
    const report = await current.check();

    expect(report.clusters[0]).toMatchObject({ outcome: "error", errorStage: "cluster" });
    expect(report.clusters[0]?.summary).toMatch(/^cannot read cluster prod: /);
    expect(current.repo.pulls).toEqual([]);
    expect(current.repo.git.refs.has("heads/plumbline/drift/prod")).toBe(false);
    expect(current.repo.checkRuns).toMatchObject([{ name: "Plumbline drift (prod)", conclusion: "failure" }]);
    expect(await counter(current, "errors", { stage: "cluster" })).toBe(1);
    expect(await counter(current, "runs", { outcome: "error" })).toBe(1);

    // readiness means "can serve webhooks": one repository's cluster does not take the pod out
    expect(await current.bot.readiness.check()).toEqual({ ready: true, github: { ok: true } });
    expect(await current.bot.metrics.registry.metrics()).toContain('plumbline_bot_cluster_up{cluster="context:elsewhere"} 0');

    // a failure expires: a cluster nobody has used for two hours is no longer reported
    now += 2 * 60 * 60_000 + 1;
    expect(await current.bot.metrics.registry.metrics()).not.toContain("context:elsewhere");
  });

  it("is reported up once it answers", async () => {
    const current = await world({ shop: { logLevel: "debug" } });
    await current.check();
    expect(await current.bot.readiness.check()).toEqual({ ready: true, github: { ok: true } });
    expect(await current.bot.metrics.registry.metrics()).toContain('plumbline_bot_cluster_up{cluster="context:recorded"} 1');
  });
});

describe("two runs at once", () => {
  it("in one process: the second joins the first, one pull request", async () => {
    const current = await world({ shop: { logLevel: "debug" } });
    const reports = await Promise.all([current.check(), current.check(), current.check()]);

    expect(current.repo.pulls).toHaveLength(1);
    expect(current.github.counts()["POST /repos/{owner}/{repo}/pulls"]).toBe(1);
    expect(reports.map((report) => report.clusters[0]?.proposal?.action).sort()).toEqual(["created", "unchanged", "unchanged"]);
  });

  it("in two replicas without a shared lock: still one branch and one pull request", async () => {
    const first = await world({ shop: { logLevel: "debug" } });
    const second = await world({ github: first.github, api: first.api });

    await Promise.all([first.check(), second.check()]);

    expect(first.repo.pulls).toHaveLength(1);
    expect(first.repo.openPulls()).toHaveLength(1);
    expect([...first.repo.git.refs.keys()].sort()).toEqual(["heads/main", "heads/plumbline/drift/prod"]);
    expect(first.repo.checkRuns.length).toBeLessThanOrEqual(2);
  });
});

describe("a repository without .github/plumbline.yml", () => {
  it("is left alone: no request beyond reading the configuration", async () => {
    const current = await world({ config: null, shop: { logLevel: "debug" } });
    const report = await current.check();

    expect(report).toMatchObject({ config: "absent", clusters: [] });
    expect(current.github.counts()).toEqual({
      "POST /app/installations/{installation_id}/access_tokens": 1,
      // the repository's file, then the organisation's .github repository (Probot's config plugin)
      "GET /repos/{owner}/{repo}/contents/{path}": 2,
    });
    expect(current.api.requestLines()).toEqual([]);
  });

  it("also leaves a configuration without drift clusters alone", async () => {
    const current = await world({ config: "rules:\n  image-tag-latest: off\n" });
    const report = await current.check();
    expect(report.config).toBe("absent");
    expect(Object.keys(current.github.counts())).toEqual([
      "POST /app/installations/{installation_id}/access_tokens",
      "GET /repos/{owner}/{repo}/contents/{path}",
    ]);
  });
});
