import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MINIMUM_NODE, nodeTooOld } from "../../src/cli/node-version.js";

describe("the Node version the CLI needs", () => {
  it("refuses an older Node in one sentence naming the version needed", () => {
    expect(nodeTooOld("20.20.2")).toBe(`needs Node.js ${MINIMUM_NODE} or newer; this is Node.js 20.20.2 (https://nodejs.org)`);
    expect(nodeTooOld("22.18.9")).toMatch(/^needs Node\.js 22\.19\.0 or newer/);
    expect(nodeTooOld("18.0.0")).toBeDefined();
  });

  it("accepts the minimum and anything newer", () => {
    for (const version of [MINIMUM_NODE, "22.19.1", "22.20.0", "23.0.0", "24.21.0", "26.1.0"]) {
      expect(nodeTooOld(version), version).toBeUndefined();
    }
  });

  it("is what package.json's engines declares", () => {
    const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as {
      engines: { node: string };
    };
    expect(manifest.engines.node).toBe(`>=${MINIMUM_NODE}`);
  });
});
