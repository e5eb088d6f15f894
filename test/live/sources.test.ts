/** The table of live sources: each LiveSource has exactly one driver, and a new one is a file and a line. */

import { describe, expect, it } from "vitest";
import { driverFor, LIVE_SOURCES, readLiveState } from "../../src/live/index.js";
import type { LiveSource } from "../../src/live/types.js";

describe("live sources", () => {
  const sources: [LiveSource, string][] = [
    [{ type: "snapshot", path: "examples/live" }, "snapshot"],
    [{ type: "cluster", context: "prod" }, "kubeconfig context"],
    [{ type: "cluster" }, "kubeconfig context"],
    [{ type: "cluster", inCluster: true }, "in-cluster"],
  ];

  it("gives every source exactly one driver", () => {
    for (const [source, name] of sources) {
      expect(driverFor(source).name).toBe(name);
      expect(LIVE_SOURCES.filter((driver) => driver.accepts(source))).toHaveLength(1);
    }
    expect(LIVE_SOURCES.map((driver) => driver.name)).toEqual(["snapshot", "kubeconfig context", "in-cluster"]);
  });

  it("reads a snapshot through its driver as readLiveState does", async () => {
    const wanted = [{ apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" }];
    const source: LiveSource = { type: "snapshot", path: "examples/live" };
    const direct = await driverFor(source).read(source, wanted, {});
    expect(direct.source).toBe("snapshot examples/live");
    expect(direct.objects.length).toBeGreaterThan(0);
    expect(await readLiveState(source, wanted)).toEqual(direct);
  });

  it("refuses a source of another kind instead of misreading it", async () => {
    const snapshot = LIVE_SOURCES.find((driver) => driver.name === "snapshot");
    await expect(async () => snapshot?.read({ type: "cluster", context: "prod" }, [], {})).rejects.toThrow(
      'the snapshot source cannot read a "cluster" source',
    );
  });
});
