import { afterEach, describe, expect, it } from "vitest";
import { type RunningServer, startHttpServer } from "../../bot/http/server.js";
import { createLogger } from "../../bot/logger.js";
import { driftOnce, shutDown } from "../../bot/main.js";
import { liveShop } from "./support/cluster.js";
import { CONFIG, startWorld, TEST_OVERRIDES, type World } from "./support/harness.js";

/** Starting and stopping: `drift --once` over every installation, and SIGTERM with a run in flight. */

let world: World | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close().catch(() => {});
  server = undefined;
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

const quick = { ...TEST_OVERRIDES, log: createLogger("silent") };

describe("plumbline-bot drift --once", () => {
  it("checks every repository of every installation once and exits 0", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    const code = await driftOnce(world.settings, quick);
    expect(code).toBe(0);
    expect(world.github.counts()["GET /app/installations"]).toBe(1);
    expect(world.github.counts()["GET /installation/repositories"]).toBe(1);
    expect(world.repo.pulls).toHaveLength(1);
  });

  it("exits 1 when a cluster could not be checked", async () => {
    world = await startWorld({ config: CONFIG.replace("context: recorded", "context: elsewhere") });
    expect(await driftOnce(world.settings, quick)).toBe(1);
    expect(world.repo.pulls).toEqual([]);
  });
});

describe("SIGTERM", () => {
  it("lets the run in flight finish its pull request, then refuses new work", async () => {
    world = await startWorld({ shop: { logLevel: "debug" } });
    world.api.use(...liveShop({ logLevel: "debug" }).map((exchange) => ({ ...exchange, delayMs: 700 })));
    const webhooks = await world.bot.probot.getNodeMiddleware();
    server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      webhooks,
      webhookSecret: world.settings.webhookSecret,
      readiness: world.bot.readiness,
      registry: world.bot.metrics.registry,
      log: world.bot.log,
    });

    const running = world.check();
    while (!world.api.requestLines().some((line) => line.includes("/configmaps")))
      await new Promise((resolve) => setTimeout(resolve, 20));
    const readyBefore = await fetch(`${server.url}/health/ready`);
    expect(readyBefore.status).toBe(200);

    const stopped = shutDown(world.bot, server, 10_000, "SIGTERM");
    expect((await world.bot.readiness.check()).ready).toBe(false);
    expect(await stopped).toBe(true);

    const report = await running;
    expect(report.clusters[0]?.proposal?.action).toBe("created");
    expect(world.repo.pulls).toHaveLength(1);
    expect(world.repo.pulls[0]?.labels).toEqual(["drift"]);
    expect(world.repo.checkRuns).toHaveLength(1);

    const late = await world.check();
    expect(late).toMatchObject({ config: "skipped", message: "shutting down" });
  });
});
