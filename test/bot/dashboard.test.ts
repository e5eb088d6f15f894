/** The drift dashboard, as Renovate's: each cluster's last check, the next run, and a checkbox that checks now. */

import { afterEach, describe, expect, it } from "vitest";
import { rerunTicked } from "../../bot/run/dashboard.js";
import { CONFIG, startWorld, type World } from "./support/harness.js";
import { issueEditedPayload } from "./support/payloads.js";

let world: World | undefined;
afterEach(async () => {
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

const UNTICKED = "- [ ] <!-- plumbline:rerun -->";
const TICKED = "- [x] <!-- plumbline:rerun -->";

function dashboard(current: World) {
  const issue = current.repo.issues.find((candidate) => candidate.title === "Drift dashboard");
  if (!issue) throw new Error("no dashboard issue");
  return issue;
}

function clusterReads(current: World): number {
  return current.api.requestLines().filter((line) => line.startsWith("GET /api/v1/namespaces/shop/configmaps")).length;
}

/** A person ticks the box on GitHub: the issue changes, and GitHub sends issues.edited. */
async function tick(current: World, sender: { login: string; type?: "User" | "Bot" }): Promise<void> {
  const issue = dashboard(current);
  const from = issue.body;
  issue.body = from.replace(UNTICKED, TICKED);
  const payload = issueEditedPayload(
    current.github.installationId,
    { number: issue.number, body: issue.body, author: issue.user.login },
    from,
    sender,
  );
  await current.bot.probot.receive({ id: `delivery-${Math.random()}`, name: "issues", payload } as never);
  await current.bot.tasks.idle();
}

describe("the drift dashboard", () => {
  it("says when each cluster was last checked and when the next check is due", async () => {
    world = await startWorld({ config: `${CONFIG}  dashboard: true\n`, shop: { logLevel: "debug" } });
    await world.check();
    const { body } = dashboard(world);
    expect(body).toContain("| Cluster | State | Details | Proposal | Last checked |");
    expect(body).toMatch(/^\| `prod` \| ⚠️ drift \| .* \| #\d+ \| \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \|$/m);
    expect(body).toMatch(
      /Scheduled checks run about every 30 minutes; the next is due around \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\./,
    );
    expect(body).toContain(`${UNTICKED} Check every cluster now`);
  });

  it("checks every cluster when a person with write access ticks the box, then unticks it", async () => {
    world = await startWorld({ config: `${CONFIG}  dashboard: true\n`, shop: { logLevel: "debug" } });
    await world.check();
    const before = clusterReads(world);
    await tick(world, { login: "mona" });
    expect(clusterReads(world)).toBe(before + 1);
    expect(dashboard(world).body).toContain(UNTICKED);
    expect(dashboard(world).body).not.toContain(TICKED);
  });

  it("ignores a tick by someone without write access, and edits by bots", async () => {
    world = await startWorld({ config: `${CONFIG}  dashboard: true\n`, shop: { logLevel: "debug" } });
    await world.check();
    const before = clusterReads(world);
    await tick(world, { login: "outsider" });
    expect(clusterReads(world)).toBe(before);
    dashboard(world).body = dashboard(world).body.replace(TICKED, UNTICKED);
    await tick(world, { login: "some-app[bot]", type: "Bot" });
    expect(clusterReads(world)).toBe(before);
  });

  it("ignores a checkbox in an issue the bot did not write", async () => {
    world = await startWorld({ config: `${CONFIG}  dashboard: true\n`, shop: { logLevel: "debug" } });
    await world.check();
    const before = clusterReads(world);
    const issue = dashboard(world);
    Object.assign(issue, { user: { ...issue.user, login: "mona" } });
    await tick(world, { login: "mona" });
    expect(clusterReads(world)).toBe(before);
  });

  it("reads the checkbox of any issue body in linear time", () => {
    const hostile = `${" ".repeat(30_000)}\n`.repeat(2) + "\n".repeat(60_000);
    const started = performance.now();
    expect(rerunTicked(hostile, "")).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
    expect(rerunTicked(`x\n  ${TICKED} now`, `x\n  ${UNTICKED} now`)).toBe(true);
    expect(rerunTicked(`${TICKED} now`, `${TICKED} now`)).toBe(false);
  });
});
