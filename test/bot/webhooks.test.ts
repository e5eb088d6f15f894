import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningServer, startHttpServer } from "../../bot/http/server.js";
import { liveShop } from "./support/cluster.js";
import { startWorld, type World } from "./support/harness.js";
import { commentPayload, installationPayload, pullClosedPayload, pushPayload } from "./support/payloads.js";

/** The triggers: pushes, commands, closed pull requests, installations, and the HTTP door they come through. */

let world: World | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

async function deliver(current: World, name: string, payload: Record<string, unknown>): Promise<void> {
  await current.bot.probot.receive({ id: `delivery-${Math.random()}`, name, payload } as never);
  await current.bot.tasks.idle();
}

function clusterChecked(current: World): boolean {
  return current.api.requestLines().some((line) => line.startsWith("GET /api/v1/namespaces/shop/"));
}

describe("push", () => {
  it("to the default branch touching the cluster's paths re-checks the cluster", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await deliver(world, "push", pushPayload(world.github.installationId, "refs/heads/main", ["clusters/prod/settings.yaml"]));
    expect(clusterChecked(world)).toBe(true);
    expect(world.repo.pulls).toHaveLength(1);
  });

  it("to the default branch touching other files reads the configuration and stops", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await deliver(world, "push", pushPayload(world.github.installationId, "refs/heads/main", ["README.md"]));
    expect(clusterChecked(world)).toBe(false);
    expect(Object.keys(world.github.counts()).filter((operation) => !operation.includes("access_tokens"))).toEqual([
      "GET /repos/{owner}/{repo}/contents/{path}",
    ]);
  });

  it("that changes the configuration re-checks every cluster", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await deliver(world, "push", pushPayload(world.github.installationId, "refs/heads/main", [".github/plumbline.yml"]));
    expect(clusterChecked(world)).toBe(true);
  });

  it("to another branch is ignored", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await deliver(world, "push", pushPayload(world.github.installationId, "refs/heads/feature", ["clusters/prod/settings.yaml"]));
    expect(world.github.requests.filter((request) => !request.url.includes("access_tokens"))).toEqual([]);
  });
});

describe("/plumbline drift", () => {
  it("from a person with write access checks now and answers in the thread", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    world.repo.issues.push({
      number: 7,
      title: "Why is prod noisy?",
      body: "",
      state: "open",
      labels: [],
      user: { login: "mona", id: 1, type: "User" },
    });
    await deliver(
      world,
      "issue_comment",
      commentPayload(world.github.installationId, "Let's see.\n/plumbline drift\n", { login: "mona" }),
    );

    expect(world.github.counts()["GET /repos/{owner}/{repo}/collaborators/{username}/permission"]).toBe(1);
    expect(world.repo.pulls).toHaveLength(1);
    const reply = world.repo.comments.find((comment) => comment.issue_number === 7);
    expect(reply?.body).toContain("@mona drift check done.");
    expect(reply?.body).toContain(
      `| \`prod\` | 1 resource drifted, 1 change (1 to write back, 0 ignore rules to add) | #${world.repo.pulls[0]?.number} |`,
    );
  });

  it("naming a cluster checks that one; an unknown name is said so", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    world.repo.issues.push({
      number: 7,
      title: "t",
      body: "",
      state: "open",
      labels: [],
      user: { login: "mona", id: 1, type: "User" },
    });
    await deliver(
      world,
      "issue_comment",
      commentPayload(world.github.installationId, "/plumbline drift staging", { login: "mona" }),
    );
    expect(clusterChecked(world)).toBe(false);
    expect(world.repo.comments[0]?.body).toContain("no cluster is named `staging`");
  });

  it("from a person without write access is refused, once, and checks nothing", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    world.repo.issues.push({
      number: 7,
      title: "t",
      body: "",
      state: "open",
      labels: [],
      user: { login: "outsider", id: 2, type: "User" },
    });
    await deliver(world, "issue_comment", commentPayload(world.github.installationId, "/plumbline drift", { login: "outsider" }));
    expect(clusterChecked(world)).toBe(false);
    expect(world.repo.comments).toHaveLength(1);
    expect(world.repo.comments[0]?.body).toContain("@outsider only people with write access");
  });

  it("refused: at most one reply per person and thread an hour, however often they ask", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    for (const number of [7, 8]) {
      world.repo.issues.push({
        number,
        title: "t",
        body: "",
        state: "open",
        labels: [],
        user: { login: "mona", id: 1, type: "User" },
      });
    }
    const ask = async (id: number, login: string, issue = 7) => {
      const payload = commentPayload(world?.github.installationId ?? 0, "/plumbline drift", { login }, issue);
      (payload.comment as { id: number }).id = id;
      await deliver(world as World, "issue_comment", payload);
    };
    const refusals = (issue: number, login: string) =>
      world?.repo.comments.filter((comment) => comment.issue_number === issue && comment.body.startsWith(`@${login} `)) ?? [];

    for (let id = 1; id <= 5; id++) await ask(id, "outsider");
    expect(refusals(7, "outsider")).toHaveLength(1);
    // another person, another thread: each gets its own one reply
    await ask(6, "stranger");
    await ask(7, "outsider", 8);
    await ask(8, "outsider", 8);
    expect(refusals(7, "stranger")).toHaveLength(1);
    expect(refusals(8, "outsider")).toHaveLength(1);
    expect(clusterChecked(world)).toBe(false);

    // an hour later the next ask is answered again
    const first = refusals(7, "outsider")[0] as { created_at: string };
    first.created_at = new Date(Date.now() - 61 * 60_000).toISOString();
    await ask(9, "outsider");
    expect(refusals(7, "outsider")).toHaveLength(2);
  });

  it("from a bot, or a comment without the command, does nothing at all", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await deliver(
      world,
      "issue_comment",
      commentPayload(world.github.installationId, "/plumbline drift", { login: "renovate[bot]", type: "Bot" }),
    );
    await deliver(
      world,
      "issue_comment",
      commentPayload(world.github.installationId, "I ran /plumbline drift yesterday", { login: "mona" }),
    );
    expect(world.github.requests.filter((request) => !request.url.includes("access_tokens"))).toEqual([]);
  });
});

describe("pull_request closed", () => {
  it("without merging, by a person: one comment that the drift will not be proposed again", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await world.check();
    const pull = world.repo.pulls[0];
    if (!pull) throw new Error("no pull request");
    world.repo.close(pull.number);
    const payload = pullClosedPayload(
      world.github.installationId,
      { number: pull.number, body: pull.body, head: pull.head, merged: false },
      { login: "mona", type: "User" },
    );
    await deliver(world, "pull_request", payload);
    await deliver(world, "pull_request", payload);
    expect(world.repo.comments).toHaveLength(1);
    expect(world.repo.comments[0]?.body).toContain("will not propose this drift of cluster `prod` again");
  });

  it("by the bot itself, or merged, says nothing", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await world.check();
    const pull = world.repo.pulls[0];
    if (!pull) throw new Error("no pull request");
    world.github.clear();
    const shape = { number: pull.number, body: pull.body, head: pull.head };
    await deliver(
      world,
      "pull_request",
      pullClosedPayload(world.github.installationId, { ...shape, merged: false }, { login: "plumbline[bot]", type: "Bot" }),
    );
    await deliver(
      world,
      "pull_request",
      pullClosedPayload(world.github.installationId, { ...shape, merged: true }, { login: "mona", type: "User" }),
    );
    expect(world.github.requests.filter((request) => !request.url.includes("access_tokens"))).toEqual([]);
  });
});

describe("installation", () => {
  it("created: the repositories it covers are checked at once", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    await deliver(world, "installation", installationPayload(world.github.installationId));
    expect(world.github.counts()["GET /repos/{owner}/{repo}"]).toBe(1);
    expect(world.repo.pulls).toHaveLength(1);
  });
});

describe("the HTTP server", () => {
  async function serve(current: World): Promise<RunningServer> {
    const webhooks = await current.bot.probot.getNodeMiddleware();
    return startHttpServer({
      port: 0,
      host: "127.0.0.1",
      webhooks,
      webhookSecret: current.settings.webhookSecret,
      readiness: current.bot.readiness,
      registry: current.bot.metrics.registry,
      log: current.bot.log,
    });
  }

  function post(url: string, body: string, signature: string): Promise<Response> {
    return fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-github-delivery": "d-1",
        "x-hub-signature-256": signature,
      },
      body,
    });
  }

  it("takes signed webhooks, refuses unsigned ones, and answers probes and scrapes", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    server = await serve(world);
    const body = JSON.stringify(pushPayload(world.github.installationId, "refs/heads/main", ["clusters/prod/settings.yaml"]));

    const forged = await post(server.url, body, `sha256=${createHmac("sha256", "wrong").update(body).digest("hex")}`);
    expect(forged.status).toBe(400);
    await world.bot.tasks.idle();
    expect(world.repo.pulls).toEqual([]);

    const signed = await post(
      server.url,
      body,
      `sha256=${createHmac("sha256", world.settings.webhookSecret).update(body).digest("hex")}`,
    );
    expect(signed.status).toBe(200);
    await world.bot.tasks.idle();
    expect(world.repo.pulls).toHaveLength(1);

    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, github: { ok: true } });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('plumbline_bot_runs_total{trigger="push",outcome="drift"} 1');
    expect(metrics).toContain('plumbline_bot_drifted_resources{repository="octo-org/shop-deploy",cluster="prod"} 1');
    expect(metrics).toContain("plumbline_bot_run_duration_seconds_count");
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
  });

  it("logs a webhook with a bad signature by delivery id and event only, never its payload", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    server = await serve(world);
    const payload = pushPayload(world.github.installationId, "refs/heads/main", ["clusters/prod/settings.yaml"]);
    const privateText = "private-text-of-a-private-repository-Jq7";
    const body = JSON.stringify({ ...payload, padding: `${privateText} ${"x".repeat(30_000)}` });
    const before = world.logs.length;

    for (const signature of [`sha256=${createHmac("sha256", "rotated").update(body).digest("hex")}`, "sha256=zz", "sha1=00"]) {
      expect((await post(server.url, body, signature)).status).toBe(400);
    }
    await world.bot.tasks.idle();

    expect(world.repo.pulls).toEqual([]);
    const lines = world.logs.slice(before);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(privateText);
      expect(line.length).toBeLessThan(400);
      expect(JSON.parse(line)).toMatchObject({ level: "warn", delivery: "d-1", event: "push" });
    }
  });

  it("stays ready when a cluster stops answering: one repository's cluster never stops webhooks for all", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    server = await serve(world);
    await world.check();
    expect(await (await fetch(`${server.url}/metrics`)).text()).toContain(
      'plumbline_bot_cluster_up{cluster="context:recorded"} 1',
    );

    await world.api.close();
    await world.check();
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as Record<string, unknown>;
    expect(report).toMatchObject({ ready: true, github: { ok: true } });
    // readiness names no cluster at all: per-cluster health is in the metrics
    expect(JSON.stringify(report)).not.toMatch(/cluster|recorded/);
    expect(await (await fetch(`${server.url}/metrics`)).text()).toContain(
      'plumbline_bot_cluster_up{cluster="context:recorded"} 0',
    );
    world.api.use(...liveShop());
  });
});
