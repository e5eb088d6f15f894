import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/load.js";
import { gateConfig } from "../../src/review/index.js";

/** Which configuration judges a pull request: the base's, whatever the head says. */

const CONFIG = ".github/plumbline.yml";
const LOCATION = { path: CONFIG, defaultPath: CONFIG };
let base: string;
let head: string;
let outside: string;

async function put(dir: string, file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), text);
}

beforeEach(async () => {
  const made = (name: string) => mkdtemp(path.join(tmpdir(), `plumbline-gate-${name}-`));
  [base, head, outside] = await Promise.all([made("base"), made("head"), made("outside")]);
});

afterEach(async () => {
  await Promise.all([base, head, outside].map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("gateConfig", () => {
  it("uses the base's configuration and reports the head's change", async () => {
    await put(base, CONFIG, "failOn: warning\n");
    await put(head, CONFIG, "failOn: error\nrules:\n  image-tag-latest: off\n");
    const gate = await gateConfig(head, base, LOCATION);
    expect(gate.config.failOn).toBe("warning");
    expect(gate.source).toBe("base");
    expect(gate.change).toEqual({ file: CONFIG, how: "modified" });
  });

  it("reports nothing when the file is the same", async () => {
    await put(base, CONFIG, "failOn: warning\n");
    await put(head, CONFIG, "failOn: warning\n");
    expect((await gateConfig(head, base, LOCATION)).change).toBeUndefined();
  });

  it("an added file: judged by the defaults the base had; a removed one: by the base's file", async () => {
    await put(head, CONFIG, "failOn: info\n");
    const added = await gateConfig(head, base, LOCATION);
    expect(added.config.failOn).toBeUndefined();
    expect(added.change?.how).toBe("added");
    const removed = await gateConfig(base, head, LOCATION);
    expect(removed.config.failOn).toBe("info");
    expect(removed.change?.how).toBe("removed");
  });

  it("without a base: the defaults, never the head's file", async () => {
    await put(head, CONFIG, "failOn: info\n");
    const gate = await gateConfig(head, undefined, LOCATION);
    expect(gate.source).toBe("defaults");
    expect(gate.config.failOn).toBeUndefined();
  });

  it("a head file that would not load is a ConfigError at its line", async () => {
    await put(base, CONFIG, "failOn: warning\n");
    await put(head, CONFIG, "# new\nfailOn: sometimes\n");
    await expect(gateConfig(head, base, LOCATION)).rejects.toMatchObject({ file: CONFIG, line: 2 });
  });

  it("follows a link that stays inside the tree", async () => {
    await put(base, "config/plumbline.yml", "failOn: warning\n");
    await mkdir(path.join(base, ".github"));
    await symlink("../config/plumbline.yml", path.join(base, CONFIG));
    expect((await gateConfig(base, base, LOCATION)).config.failOn).toBe("warning");
  });

  it("refuses a file, or a directory above it, linked to a file outside the tree", async () => {
    await put(outside, "secret.yml", "failOn: warning\n");
    await put(base, CONFIG, "failOn: warning\n");
    await mkdir(path.join(head, ".github"));
    await symlink(path.join(outside, "secret.yml"), path.join(head, CONFIG));
    await expect(gateConfig(head, base, LOCATION)).rejects.toBeInstanceOf(ConfigError);
    await expect(gateConfig(head, base, LOCATION)).rejects.toThrow(/symbolic link that leads outside/);

    const linkedDir = await mkdtemp(path.join(tmpdir(), "plumbline-gate-dir-"));
    try {
      await put(outside, "plumbline.yml", "failOn: warning\n");
      await symlink(outside, path.join(linkedDir, ".github"));
      await expect(gateConfig(linkedDir, base, LOCATION)).rejects.toThrow(/symbolic link that leads outside/);
    } finally {
      await rm(linkedDir, { recursive: true, force: true });
    }
  });
});
