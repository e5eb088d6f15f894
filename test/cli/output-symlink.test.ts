import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BROKEN_YAML, run, tempTree } from "./helpers.js";

/** A checked-out pull request can plant a link where the report goes: the report never follows it. */

let outside: string;

beforeEach(async () => {
  outside = await mkdtemp(path.join(tmpdir(), "plumbline-outside-"));
  await writeFile(path.join(outside, "victim"), "precious\n");
});

afterEach(async () => {
  await rm(outside, { recursive: true, force: true });
});

describe("plumbline check --output through a symbolic link", () => {
  it("exits 2 with one line and leaves the link's target untouched", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    await symlink(path.join(outside, "victim"), path.join(dir, "report.sarif"));
    const result = await run(dir, ["check", "bad.yaml", "-f", "sarif", "-o", "report.sarif"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "plumbline: report.sarif: cannot write the report (it is a symbolic link: Plumbline never writes through one)\n",
    );
    expect(await readFile(path.join(outside, "victim"), "utf8")).toBe("precious\n");
    expect((await lstat(path.join(dir, "report.sarif"))).isSymbolicLink()).toBe(true);
  });

  it("does not create the target of a dangling link", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    await symlink(path.join(outside, "new-file"), path.join(dir, "report.json"));
    const result = await run(dir, ["check", "bad.yaml", "-f", "json", "-o", "report.json"]);
    expect(result.code).toBe(2);
    expect(await readdir(outside)).toEqual(["victim"]);
  });

  it("writes into a linked directory (the user named it), without leaving a temporary file", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    await mkdir(path.join(outside, "reports"));
    await symlink(path.join(outside, "reports"), path.join(dir, "reports"));
    const result = await run(dir, ["check", "bad.yaml", "-f", "json", "-o", "reports/out.json"]);
    expect(result.code).toBe(1);
    expect(await readdir(path.join(outside, "reports"))).toEqual(["out.json"]);
  });
});

describe("plumbline drift --output through a symbolic link", () => {
  it("is refused the same way", async () => {
    const dir = await tempTree({});
    await cp(path.resolve("examples/shop"), path.join(dir, "shop"), { recursive: true });
    await cp(path.resolve("examples/live"), path.join(dir, "live"), { recursive: true });
    await symlink(path.join(outside, "victim"), path.join(dir, "drift.json"));
    const result = await run(dir, ["drift", "--git", "shop", "--live", "live", "-f", "json", "-o", "drift.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("drift.json: cannot write the report (it is a symbolic link");
    expect(await readFile(path.join(outside, "victim"), "utf8")).toBe("precious\n");
  });
});
