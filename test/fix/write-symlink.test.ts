import { lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run, tempTree } from "../cli/helpers.js";

/** `check --fix` on a checkout whose files are links: it never writes through one (the Pod's fixes are unsafe ones). */

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27.0\n";

let outside: string;

beforeEach(async () => {
  outside = await mkdtemp(path.join(tmpdir(), "plumbline-outside-"));
});

afterEach(async () => {
  await rm(outside, { recursive: true, force: true });
});

describe("plumbline check --fix and symbolic links", () => {
  it("fixes a plain file (the fixes below are real ones)", async () => {
    const dir = await tempTree({ "pod.yaml": POD });
    const result = await run(dir, ["check", "pod.yaml", "--fix", "--unsafe-fixes"]);
    expect(result.stderr).toMatch(/fixed \d+ findings in 1 file/);
    expect(await readFile(path.join(dir, "pod.yaml"), "utf8")).not.toBe(POD);
  });

  it("fixes a file the user named outside the current directory (no link involved)", async () => {
    await writeFile(path.join(outside, "pod.yaml"), POD);
    const dir = await tempTree({ ".git/HEAD": "ref: refs/heads/main\n" });
    await run(dir, ["check", path.join(outside, "pod.yaml"), "--fix", "--unsafe-fixes"]);
    expect(await readFile(path.join(outside, "pod.yaml"), "utf8")).not.toBe(POD);
  });

  it("does not write through a file link to a file outside the repository", async () => {
    await writeFile(path.join(outside, "pod.yaml"), POD);
    const dir = await tempTree({});
    await symlink(path.join(outside, "pod.yaml"), path.join(dir, "pod.yaml"));
    const result = await run(dir, ["check", "pod.yaml", "--fix", "--unsafe-fixes"]);
    expect(await readFile(path.join(outside, "pod.yaml"), "utf8")).toBe(POD);
    expect((await lstat(path.join(dir, "pod.yaml"))).isSymbolicLink()).toBe(true);
    expect(result.stderr).not.toMatch(/fixed \d+ findings? in 1 file/);
    // the loader already skips a link that leads outside (a file-skipped notice in the report), or the writer refuses it
    expect(result.stdout + result.stderr).toContain("symbolic link");
  });

  it("does not write through a link to a file inside the repository either", async () => {
    const dir = await tempTree({ "real.yaml": POD });
    await symlink("real.yaml", path.join(dir, "link.yaml"));
    const result = await run(dir, ["check", "link.yaml", "--fix", "--unsafe-fixes"]);
    expect(await readFile(path.join(dir, "real.yaml"), "utf8")).toBe(POD);
    expect(result.stderr).toContain("symbolic link");
  });

  it("does not write into a directory that a link leads outside the repository", async () => {
    await mkdir(path.join(outside, "deploy"));
    await writeFile(path.join(outside, "deploy", "pod.yaml"), POD);
    const dir = await tempTree({ ".git/HEAD": "ref: refs/heads/main\n" });
    await symlink(path.join(outside, "deploy"), path.join(dir, "deploy"));
    await run(dir, ["check", "deploy/pod.yaml", "--fix", "--unsafe-fixes"]);
    expect(await readFile(path.join(outside, "deploy", "pod.yaml"), "utf8")).toBe(POD);
  });
});
