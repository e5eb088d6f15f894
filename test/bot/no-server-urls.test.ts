import { afterEach, expect, it } from "vitest";
import { errorFields } from "../../bot/logger.js";
import { CONFIG, startWorld, type World } from "./support/harness.js";

/**
 * API server URLs are the operator's business: a drift pull request, check run, comment or log line
 * says which cluster (by the repository's own name for it), never where it is.
 */

let world: World | undefined;
afterEach(async () => {
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

function expectNoServer(current: World, servers: readonly string[]): void {
  const text = `${current.github.transcript()}\n${current.logs.join("\n")}`;
  for (const server of servers) expect(text).not.toContain(server);
  // not even the host and port without the scheme
  for (const server of servers) expect(text).not.toContain(new URL(server).host);
}

it("names the cluster, not its server, in the pull request, the check run and the logs", async () => {
  world = await startWorld({ shop: { logLevel: "debug" } });
  await world.check();

  expect(world.repo.pulls).toHaveLength(1);
  expect(world.repo.pulls[0]?.body).toContain("with cluster prod on");
  expect(world.repo.checkRuns[0]?.output.summary).toContain("with cluster prod.");
  expectNoServer(world, [world.api.url]);
});

it("says a cluster did not answer without saying where it is", async () => {
  world = await startWorld({ config: CONFIG.replace("context: recorded", "context: elsewhere") });
  const report = await world.check();

  expect(report.clusters[0]?.summary).toMatch(/^cannot read cluster prod: /);
  // the cluster is named once, not "cannot read cluster prod: … at cluster prod: …"
  expect(report.clusters[0]?.summary.match(/cluster prod/g)).toHaveLength(1);
  expect(world.repo.checkRuns[0]?.output.summary).toContain("cluster prod");
  expectNoServer(world, [world.api.url, "http://127.0.0.1:9"]);
});

it("keeps addresses out of the error fields every log line uses", () => {
  const error = new Error("request to https://10.96.0.1:443/apis/coordination.k8s.io/v1/leases failed, reason: ECONNRESET\nmore");
  expect(errorFields(error).message).toBe("request to (a URL) failed, reason: ECONNRESET");
  expect(errorFields("GET http://kube.internal:6443/version: timeout").message).toBe("GET (a URL) timeout");
});
