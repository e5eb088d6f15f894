import { describe, expect, it } from "vitest";
import { deployment, run, tempTree } from "./helpers.js";

const CPU_LIMITED = deployment("web", "nginx:latest").replace(
  "            limits:\n",
  "            limits:\n              cpu: 500m\n",
);

describe("plumbline check in a terminal", () => {
  it.each([80, 120])("fits a %i-column terminal (COLUMNS), grouped by file and object", async (columns) => {
    const dir = await tempTree({ "deploy/web.yaml": CPU_LIMITED, "deploy/api.yaml": deployment("api", "example/api:latest") });
    const result = await run(dir, ["check", "deploy"], { tty: true, env: { COLUMNS: String(columns), NO_COLOR: "1" } });
    const lines = result.stdout.trimEnd().split("\n");
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
    expect(lines.filter((line) => line === "deploy/web.yaml")).toHaveLength(1);
    expect(lines.filter((line) => line === "  Deployment shop/web")).toHaveLength(1);
    expect(lines.filter((line) => line === "  Deployment shop/api")).toHaveLength(1);
    // the path is said once, in its heading
    expect(lines.filter((line) => line.includes("deploy/web.yaml"))).toHaveLength(1);
  });

  it("keeps each finding on one line when piped, whatever the message's length", async () => {
    const dir = await tempTree({ "web.yaml": CPU_LIMITED });
    const result = await run(dir, ["check", "web.yaml"]);
    const row = result.stdout.split("\n").find((line) => line.includes("cpu-limit-set")) ?? "";
    expect(row).toMatch(/^ +\d+:\d+ +info +cpu-limit-set +\S.*\S$/);
  });

  it("ends with what --fix can fix, as the fixer plans it", async () => {
    const dir = await tempTree({ "web.yaml": CPU_LIMITED });
    const result = await run(dir, ["check", "web.yaml"]);
    const last = result.stdout.trimEnd().split("\n").at(-1) ?? "";
    const unsafe = Number(/^(\d+) fixable with --fix --unsafe-fixes/.exec(last)?.[1]);
    expect(unsafe).toBeGreaterThan(0);
    const dry = await run(dir, ["check", "web.yaml", "--fix", "--unsafe-fixes", "--dry-run"]);
    expect(dry.stdout).toContain("-              cpu: 500m");
  });
});
