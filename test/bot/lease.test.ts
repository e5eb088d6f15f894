import { KubeConfig } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { LeaseLock, leaseName } from "../../bot/schedule/lease-lock.js";
import { type TestKubeconfig, writeKubeconfig } from "../support/kube-api/index.js";
import { startWorld, type World } from "./support/harness.js";
import { type LeaseServer, startLeaseServer } from "./support/lease-server.js";

/** Replicas share scheduled checks through Leases: one runs a check, the others skip it. */

const KEY = "octo-org/shop-deploy#prod";
let leases: LeaseServer | undefined;
let kubeconfig: TestKubeconfig | undefined;
const worlds: World[] = [];

afterEach(async () => {
  for (const world of worlds.splice(0).reverse()) {
    expect(world.github.violations).toEqual([]);
    await world.close();
  }
  await kubeconfig?.dispose();
  await leases?.close();
  kubeconfig = undefined;
  leases = undefined;
});

async function lock(identity: string, now?: () => number): Promise<LeaseLock> {
  leases ??= await startLeaseServer();
  kubeconfig ??= await writeKubeconfig(leases.url, { namespace: "plumbline" });
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig.file);
  return new LeaseLock(config, { namespace: "plumbline", identity, ...(now ? { now } : {}) });
}

describe("LeaseLock", () => {
  it("gives a scheduled check to one replica, keeps it for the hold time, and lets a person's request through", async () => {
    const a = await lock("replica-a");
    const b = await lock("replica-b");
    const request = { key: KEY, scheduled: true, runForMs: 60_000 };

    const [first, second] = await Promise.all([a.acquire(request), b.acquire(request)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await b.acquire({ ...request, scheduled: false })).toBeUndefined(); // running: even a command waits
    await (first ?? second)?.release(30_000);

    const lease = leases?.leases.get(`plumbline/${leaseName(KEY)}`) as {
      metadata: { annotations: Record<string, string> };
      spec: Record<string, unknown>;
    };
    expect(lease.metadata.annotations).toEqual({ "plumbline.dev/check": KEY, "plumbline.dev/state": "done" });
    expect(lease.spec).toMatchObject({ leaseDurationSeconds: 30 });
    expect(await b.acquire(request)).toBeUndefined(); // done within the hold: scheduled checks skip
    const command = await b.acquire({ ...request, scheduled: false });
    expect(command).toBeDefined();
    await command?.release(0);
  });

  it("takes over a Lease whose holder died mid-run once it expires", async () => {
    let now = Date.parse("2025-03-04T10:00:00Z");
    const a = await lock("replica-a", () => now);
    const b = await lock("replica-b", () => now);
    expect(await a.acquire({ key: KEY, scheduled: true, runForMs: 60_000 })).toBeDefined();
    now += 30_000;
    expect(await b.acquire({ key: KEY, scheduled: true, runForMs: 60_000 })).toBeUndefined();
    now += 31_000;
    expect(await b.acquire({ key: KEY, scheduled: true, runForMs: 60_000 })).toBeDefined();
    const lease = leases?.leases.get(`plumbline/${leaseName(KEY)}`) as { spec: Record<string, unknown> };
    expect(lease.spec).toMatchObject({ holderIdentity: "replica-b", leaseTransitions: 1 });
  });
});

describe("two replicas", () => {
  it("run a scheduled check once between them, and open one pull request", async () => {
    const first = await startWorld({ shop: { logLevel: "debug" }, overrides: { lock: await lock("replica-a") } });
    worlds.push(first);
    const second = await startWorld({ github: first.github, api: first.api, overrides: { lock: await lock("replica-b") } });
    worlds.push(second);

    const reports = await Promise.all([first.check("schedule"), second.check("schedule")]);

    const outcomes = reports.map((report) => report.clusters[0]?.outcome).sort();
    expect(outcomes).toEqual(["drift", "skipped"]);
    expect(first.api.requestLines().filter((line) => line.startsWith("GET /api/v1/namespaces/shop/configmaps"))).toHaveLength(1);
    expect(first.repo.pulls).toHaveLength(1);
    expect(leases?.requests.filter((line) => line.startsWith("PUT") || line.startsWith("POST")).length).toBeGreaterThanOrEqual(2);
  });
});
