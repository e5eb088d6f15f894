import { afterEach, describe, expect, it } from "vitest";
import { readDriftMarker } from "../../bot/proposal/marker.js";
import { liveShop } from "./support/cluster.js";
import { SETTINGS_YAML, startWorld, type World } from "./support/harness.js";

/** The life of one drift pull request: created, left alone, updated, closed, declined. */

const BRANCH = "plumbline/drift/prod";
const WRITES = /^(POST|PATCH|PUT|DELETE) /;

let world: World | undefined;
afterEach(async () => {
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

function writes(current: World): string[] {
  return current.github.requests
    .filter((request) => WRITES.test(`${request.method} `) && !request.url.includes("/access_tokens"))
    .map((request) => `${request.method} ${request.operation}`);
}

describe("first drift", () => {
  it("opens one pull request with a single commit on the default branch's head that writes the live value back", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    const report = await world.check();

    expect(report.clusters).toMatchObject([{ cluster: "prod", outcome: "drift", proposal: { action: "created" } }]);
    const pulls = world.repo.pulls;
    expect(pulls).toHaveLength(1);
    const pull = pulls[0];
    expect(pull).toMatchObject({
      head: BRANCH,
      base: "main",
      state: "open",
      draft: false,
      labels: ["drift"],
      reviewers: ["mona"],
    });

    // one commit, parent = the default branch's head, touching only the drifted line (comment kept)
    const main = world.repo.git.refs.get("heads/main") as string;
    const head = world.repo.git.refs.get(`heads/${BRANCH}`) as string;
    expect(world.repo.git.between(main, head)).toHaveLength(1);
    expect(world.repo.git.commits.get(head)?.parents).toEqual([main]);
    expect(world.repo.file("clusters/prod/settings.yaml", BRANCH)).toBe(
      SETTINGS_YAML.replace("LOG_LEVEL: info", "LOG_LEVEL: debug"),
    );
    expect(world.repo.file("clusters/prod/db-secret.yaml", BRANCH)).toBe(world.repo.file("clusters/prod/db-secret.yaml"));

    // the body: table, collapsed patch, hidden marker
    expect(pull?.body).toContain(
      "| `ConfigMap shop/shop-settings` | `data.LOG_LEVEL` | `info` → `debug` | kubectl-edit (imperative) | 2025-03-04 16:20 UTC | write back to Git |",
    );
    expect(pull?.body).toContain("<details><summary>RFC 6902 patch (Git → live)</summary>");
    expect(pull?.body).toContain('"op": "replace"');
    expect(readDriftMarker(pull?.body)).toMatchObject({
      cluster: "prod",
      items: ["ConfigMap shop/shop-settings data.LOG_LEVEL"],
    });

    // the check run on the default branch's head
    expect(world.repo.checkRuns).toMatchObject([{ name: "Plumbline drift (prod)", head_sha: main, conclusion: "neutral" }]);
    expect(world.repo.checkRuns[0]?.output.summary).toContain(
      `Proposed in https://github.com/octo-org/shop-deploy/pull/${pull?.number}`,
    );
  });

  it("makes exactly these requests (one drift run, no pull request yet)", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await world.check();
    expect(world.github.counts()).toEqual({
      "POST /app/installations/{installation_id}/access_tokens": 1,
      "GET /app": 1,
      "GET /repos/{owner}/{repo}/contents/{path}": 1,
      "GET /repos/{owner}/{repo}/git/ref/{ref}": 2,
      "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": 1,
      "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": 2,
      "GET /repos/{owner}/{repo}/pulls": 1,
      "POST /repos/{owner}/{repo}/git/blobs": 1,
      "POST /repos/{owner}/{repo}/git/trees": 1,
      "POST /repos/{owner}/{repo}/git/commits": 1,
      "POST /repos/{owner}/{repo}/git/refs": 1,
      "POST /repos/{owner}/{repo}/pulls": 1,
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": 1,
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": 1,
      "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": 1,
      "POST /repos/{owner}/{repo}/check-runs": 1,
    });
    expect(world.api.requestLines()).toEqual([
      "GET /api/v1",
      "GET /api/v1/namespaces/shop/secrets?limit=500",
      "GET /api/v1/namespaces/shop/configmaps?limit=500",
    ]);
  });
});

describe("the next runs", () => {
  it("sends nothing when the drift is the same", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await world.check();
    const branchHead = world.repo.git.refs.get(`heads/${BRANCH}`);
    world.github.clear();

    const report = await world.check();

    expect(report.clusters[0]?.proposal?.action).toBe("unchanged");
    expect(writes(world)).toEqual([]);
    expect(world.repo.pulls).toHaveLength(1);
    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.repo.comments).toEqual([]);
    expect(world.repo.git.refs.get(`heads/${BRANCH}`)).toBe(branchHead);
  });

  it("updates the same pull request when the drift changes: new commit, branch force-moved, body rewritten", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await world.check();
    const firstHead = world.repo.git.refs.get(`heads/${BRANCH}`);
    world.api.use(...liveShop({ logLevel: "debug", currency: "USD" }));

    const report = await world.check();

    expect(report.clusters[0]?.proposal?.action).toBe("updated");
    expect(world.repo.pulls).toHaveLength(1);
    const head = world.repo.git.refs.get(`heads/${BRANCH}`) as string;
    expect(head).not.toBe(firstHead);
    expect(world.repo.git.between(world.repo.git.refs.get("heads/main") as string, head)).toHaveLength(1);
    expect(world.repo.file("clusters/prod/settings.yaml", BRANCH)).toContain("CURRENCY: USD");
    expect(world.repo.file("clusters/prod/settings.yaml", BRANCH)).toContain("LOG_LEVEL: debug # keep at info in prod");
    expect(world.repo.pulls[0]?.body).toContain("`data.CURRENCY` | `EUR` → `USD` | kubectl-patch (imperative)");
    expect(world.repo.comments).toEqual([]);
    // the check run on the same head is edited, not duplicated
    expect(world.repo.checkRuns).toHaveLength(1);
  });

  it("closes the pull request with a comment and deletes the bot's branch when the drift is gone", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await world.check();
    world.api.use(...liveShop({}));

    const report = await world.check();

    expect(report.clusters[0]).toMatchObject({ outcome: "in-sync", proposal: { action: "closed" } });
    expect(world.repo.pulls[0]?.state).toBe("closed");
    expect(world.repo.comments).toHaveLength(1);
    expect(world.repo.comments[0]?.body).toContain("matches Git again");
    expect(world.repo.git.refs.has(`heads/${BRANCH}`)).toBe(false);
    expect(world.repo.checkRuns[0]?.conclusion).toBe("success");

    // and when the same drift comes back later, it is proposed again: the bot closed it, no person declined it
    world.api.use(...liveShop({ logLevel: "debug" }));
    const again = await world.check();
    expect(again.clusters[0]?.proposal?.action).toBe("created");
    expect(world.repo.openPulls()).toHaveLength(1);
  });
});

describe("a person's work", () => {
  it("never force-pushes over a person's commit; a comment says what changed instead", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await world.check();
    world.repo.commit(BRANCH, { "clusters/prod/settings.yaml": SETTINGS_YAML.replace("LOG_LEVEL: info", "LOG_LEVEL: warn") });
    const personsHead = world.repo.git.refs.get(`heads/${BRANCH}`);
    world.api.use(...liveShop({ logLevel: "debug", currency: "USD" }));
    world.github.clear();

    const report = await world.check();

    expect(report.clusters[0]?.proposal?.action).toBe("commented");
    expect(world.repo.git.refs.get(`heads/${BRANCH}`)).toBe(personsHead);
    expect(world.github.requests.some((request) => request.operation === "PATCH /repos/{owner}/{repo}/git/refs/{ref}")).toBe(
      false,
    );
    expect(world.repo.comments).toHaveLength(1);
    expect(world.repo.comments[0]?.body).toContain("- new: `ConfigMap shop/shop-settings data.CURRENCY`");
    expect(world.repo.comments[0]?.body).toContain("mona pushed to `plumbline/drift/prod`");
    expect(world.repo.pulls[0]?.body).toContain("Plumbline no longer updates it");

    // the same drift again: no second comment
    world.github.clear();
    await world.check();
    expect(writes(world)).toEqual([]);
    expect(world.repo.comments).toHaveLength(1);
  });

  it("does not propose drift again that a person declined by closing the pull request, until it changes", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await world.check();
    world.repo.close(world.repo.pulls[0]?.number as number);
    world.github.clear();

    const report = await world.check();
    expect(report.clusters[0]?.proposal?.action).toBe("suppressed");
    expect(writes(world)).toEqual([]);
    expect(world.repo.pulls).toHaveLength(1);

    world.api.use(...liveShop({ logLevel: "trace" }));
    const changed = await world.check();
    expect(changed.clusters[0]?.proposal?.action).toBe("created");
    expect(world.repo.pulls).toHaveLength(2);
    expect(world.repo.openPulls()[0]?.body).toContain("`info` → `trace`");
  });
});

describe("drift a controller owns", () => {
  it("gets no Git edit: the body proposes the ignore rule, and with nothing to write no pull request opens", async () => {
    world = await startWorld({ shop: { rollout: "50" } });
    const report = await world.check();

    expect(report.clusters[0]).toMatchObject({ outcome: "drift", proposal: { action: "none" } });
    expect(world.repo.pulls).toEqual([]);
    expect(world.repo.git.refs.has(`heads/${BRANCH}`)).toBe(false);
    const summary = world.repo.checkRuns[0]?.output.summary ?? "";
    expect(summary).toContain("owned by flagger: add the ignore rule below");
  });

  it("is listed with its ignore rule next to drift that is written back", async () => {
    world = await startWorld({ shop: { rollout: "50", logLevel: "debug" } });
    await world.check();
    const body = world.repo.pulls[0]?.body ?? "";
    expect(body).toContain("### Ignore rules to add");
    // the controller is trusted on that object: the rule keeps matching whatever field it sets next
    expect(body).toContain("- {kind: ConfigMap, namespace: shop, name: shop-flags, managers: [flagger]}");
    expect(world.repo.file("clusters/prod/settings.yaml", BRANCH)).toContain('ROLLOUT_PERCENT: "10"');
  });
});
