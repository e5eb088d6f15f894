import { describe, expect, it } from "vitest";
import { progressReporter } from "../../src/cli/progress.js";
import { memoryIo } from "./helpers.js";

function ttyIo(env: Record<string, string> = {}, columns = 100) {
  return { ...memoryIo("/", { env }), stderrIsTty: true, columns };
}

describe("progress on stderr", () => {
  it("redraws one line on a terminal, naming the resource read, and clears it at the end", () => {
    const io = ttyIo();
    let time = 0;
    const progress = progressReporter(io, "reading the cluster", () => time);
    progress.onRequest({ path: "/apis/apps/v1/namespaces/shop/deployments?limit=500" });
    time += 100;
    progress.onRequest({ path: "/api/v1/configmaps?limit=500" });
    progress.done();
    progress.step("after the end");
    const writes = io.captured.stderr.split("\r").filter(Boolean);
    expect(writes).toEqual([
      "plumbline: reading the cluster: 1 … apps/v1 deployments (shop)\u001b[K",
      "plumbline: reading the cluster: 2 … v1 configmaps\u001b[K",
      "\u001b[K",
    ]);
    expect(io.captured.stdout).toBe("");
  });

  it("skips redraws closer together than a frame, and never outgrows the terminal", () => {
    const io = ttyIo({}, 60);
    const progress = progressReporter(io, "reading the cluster", () => 0);
    for (let i = 0; i < 50; i++) progress.step(`kind-${"x".repeat(80)}-${i}`);
    const writes = io.captured.stderr.split("\r").filter(Boolean);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.replace("\u001b[K", "").length).toBeLessThanOrEqual(59);
  });

  it("prints nothing when stderr is not a terminal, or in CI", () => {
    for (const io of [memoryIo("/"), ttyIo({ CI: "true" })]) {
      const progress = progressReporter(io, "reading the cluster", () => 0);
      progress.step("apps/v1 deployments");
      progress.done();
      expect(io.captured.stderr).toBe("");
    }
  });

  it("shows a control character from the server as ?", () => {
    const io = ttyIo();
    progressReporter(io, "reading", () => 0).step("evil\u001b[2Jkind");
    expect(io.captured.stderr).toContain("evil?[2Jkind");
  });
});
