import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/edit/index.js";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "plumbline-write-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("replaces the content and leaves no temporary file", async () => {
    const path = join(directory, "deploy.yaml");
    await writeFile(path, "old\n");
    await writeFileAtomic(path, "new: ü\r\n");
    expect(await readFile(path, "utf8")).toBe("new: ü\r\n");
    expect(await readdir(directory)).toEqual(["deploy.yaml"]);
  });

  it("keeps the file's mode", async () => {
    const path = join(directory, "script.yaml");
    await writeFile(path, "a: 1\n");
    await chmod(path, 0o640);
    await writeFileAtomic(path, "a: 2\n");
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });

  it("creates a file that did not exist", async () => {
    const path = join(directory, "new.yaml");
    await writeFileAtomic(path, "a: 1\n");
    expect(await readFile(path, "utf8")).toBe("a: 1\n");
  });

  it("writes through a symlink, which keeps pointing at the file", async () => {
    const target = join(directory, "real.yaml");
    const link = join(directory, "link.yaml");
    await writeFile(target, "a: 1\n");
    await symlink(target, link);
    await writeFileAtomic(link, "a: 2\n");
    expect(await readFile(target, "utf8")).toBe("a: 2\n");
    expect((await readdir(directory)).sort()).toEqual(["link.yaml", "real.yaml"]);
  });

  it("fails without a trace when the directory is missing", async () => {
    await expect(writeFileAtomic(join(directory, "missing", "x.yaml"), "a")).rejects.toThrow();
    expect(await readdir(directory)).toEqual([]);
  });
});
