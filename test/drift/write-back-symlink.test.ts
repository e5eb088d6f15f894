/** `plumbline drift --write` on a checkout whose files are links: it never writes through one. */

import { cpSync, lstatSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

let dir: string;
let outside: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "plumbline-drift-"));
  outside = mkdtempSync(path.join(tmpdir(), "plumbline-outside-"));
  cpSync(path.resolve("examples/shop"), path.join(dir, "shop"), { recursive: true });
  cpSync(path.resolve("examples/live"), path.join(dir, "live"), { recursive: true });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function drift(...args: string[]) {
  let stderr = "";
  const code = await main(["drift", ...args], {
    cwd: dir,
    env: {},
    stdout: () => {},
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTty: false,
    readStdin: async () => "",
  });
  return { code, stderr };
}

const FRONTEND = "shop/frontend/deployment.yaml";

describe("plumbline drift --write and symbolic links", () => {
  it("does not write through a link to a file outside the repository, and says so", async () => {
    const original = readFileSync(path.join(dir, FRONTEND), "utf8");
    renameSync(path.join(dir, FRONTEND), path.join(outside, "deployment.yaml"));
    symlinkSync(path.join(outside, "deployment.yaml"), path.join(dir, FRONTEND));
    const { code, stderr } = await drift("--git", "shop", "--live", "live", "--write");
    expect(code).toBe(1);
    expect(readFileSync(path.join(outside, "deployment.yaml"), "utf8")).toBe(original);
    expect(lstatSync(path.join(dir, FRONTEND)).isSymbolicLink()).toBe(true);
    // the loader does not even read a link that leads outside (issue #10 §3): it says so and goes on
    expect(stderr).toContain(`plumbline: warning: ${FRONTEND}:1:1: skipped: a symbolic link that leads outside`);
    // the other files are still written, and the count leaves out the frontend's two changes
    expect(stderr).toContain("wrote 2 change(s) to 2 file(s)");
  });

  it("does not write into a directory that a link leads outside the repository", async () => {
    const original = readFileSync(path.join(dir, FRONTEND), "utf8");
    renameSync(path.join(dir, "shop/frontend"), path.join(outside, "frontend"));
    symlinkSync(path.join(outside, "frontend"), path.join(dir, "shop/frontend"));
    await drift("--git", "shop", "--live", "live", "--write");
    expect(readFileSync(path.join(outside, "frontend/deployment.yaml"), "utf8")).toBe(original);
  });
});
