import { chmod, link, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UnsafeWriteError, writeFileAtomic } from "../../src/edit/index.js";

let directory: string;
/** a file outside the directory written to: what a planted link aims at */
let outside: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "plumbline-write-"));
  outside = await mkdtemp(join(tmpdir(), "plumbline-outside-"));
  await writeFile(join(outside, "victim"), "precious\n");
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
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

  it("fails without a trace when the directory is missing", async () => {
    await expect(writeFileAtomic(join(directory, "missing", "x.yaml"), "a")).rejects.toThrow();
    expect(await readdir(directory)).toEqual([]);
  });
});

describe("writeFileAtomic never writes through a symbolic link", () => {
  it("refuses a link by default, and leaves both the link and its target as they were", async () => {
    const planted = join(directory, "deploy.yaml");
    await symlink(join(outside, "victim"), planted);
    const attempt = writeFileAtomic(planted, "a: 2\n");
    await expect(attempt).rejects.toBeInstanceOf(UnsafeWriteError);
    await expect(attempt).rejects.toThrow(/symbolic link/);
    expect(await readFile(join(outside, "victim"), "utf8")).toBe("precious\n");
    expect((await lstat(planted)).isSymbolicLink()).toBe(true);
    expect(await readdir(directory)).toEqual(["deploy.yaml"]);
  });

  it("refuses a link that points inside the directory too: the link is the repository's, not ours to follow", async () => {
    await writeFile(join(directory, "real.yaml"), "a: 1\n");
    await symlink("real.yaml", join(directory, "link.yaml"));
    await expect(writeFileAtomic(join(directory, "link.yaml"), "a: 2\n")).rejects.toBeInstanceOf(UnsafeWriteError);
    expect(await readFile(join(directory, "real.yaml"), "utf8")).toBe("a: 1\n");
  });

  it("refuses a dangling link, which would otherwise create its target", async () => {
    const planted = join(directory, "report.sarif");
    await symlink(join(outside, "created-by-us"), planted);
    await expect(writeFileAtomic(planted, "{}")).rejects.toBeInstanceOf(UnsafeWriteError);
    expect(await readdir(outside)).toEqual(["victim"]);
  });

  it("with symlink: replace, swaps the link for a regular file in one step and says it did", async () => {
    const planted = join(directory, "plumbline.sarif");
    await symlink(join(outside, "victim"), planted);
    const outcome = await writeFileAtomic(planted, "{}", { symlink: "replace" });
    expect(outcome).toEqual({ replacedLink: true });
    expect((await lstat(planted)).isFile()).toBe(true);
    expect(await readFile(planted, "utf8")).toBe("{}");
    expect(await readFile(join(outside, "victim"), "utf8")).toBe("precious\n");
    expect(await readdir(directory)).toEqual(["plumbline.sarif"]);
  });

  it("reports no replaced link for an ordinary write", async () => {
    expect(await writeFileAtomic(join(directory, "a.yaml"), "a", { symlink: "replace" })).toEqual({ replacedLink: false });
  });

  it("refuses a directory link that leads outside `within`", async () => {
    await symlink(outside, join(directory, "deploy"));
    const attempt = writeFileAtomic(join(directory, "deploy", "victim"), "owned\n", { within: directory });
    await expect(attempt).rejects.toBeInstanceOf(UnsafeWriteError);
    await expect(attempt).rejects.toThrow(/outside/);
    expect(await readFile(join(outside, "victim"), "utf8")).toBe("precious\n");
    expect(await readdir(outside)).toEqual(["victim"]);
  });

  it("writes a file the caller named outside `within`: only a link leading out is refused", async () => {
    await writeFileAtomic(join(outside, "named.yaml"), "a: 1\n", { within: directory });
    expect(await readFile(join(outside, "named.yaml"), "utf8")).toBe("a: 1\n");
  });

  it("follows a directory link that stays inside `within`", async () => {
    await mkdir(join(directory, "real"));
    await symlink("real", join(directory, "alias"));
    await writeFileAtomic(join(directory, "alias", "a.yaml"), "a: 1\n", { within: directory });
    expect(await readFile(join(directory, "real", "a.yaml"), "utf8")).toBe("a: 1\n");
    expect(await readlink(join(directory, "alias"))).toBe("real");
  });

  it("does not change the other name of a hard-linked file", async () => {
    const path = join(directory, "deploy.yaml");
    await link(join(outside, "victim"), path).catch(() => undefined);
    const linked = (await stat(path).catch(() => undefined))?.nlink === 2;
    if (!linked) return; // different filesystems: nothing to prove here
    await writeFileAtomic(path, "a: 2\n");
    expect(await readFile(join(outside, "victim"), "utf8")).toBe("precious\n");
    expect(await readFile(path, "utf8")).toBe("a: 2\n");
  });

  it("refuses something that is neither a file nor a link, such as a directory", async () => {
    await mkdir(join(directory, "dir.yaml"));
    await expect(writeFileAtomic(join(directory, "dir.yaml"), "a")).rejects.toThrow();
    expect(await readdir(directory)).toEqual(["dir.yaml"]);
  });
});
