import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { headFiles } from "../../action/head-files.js";

/** The head's texts feed suggestions, which quote lines on the pull request: never a file outside it. */

let dir: string;
let outside: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plumbline-head-"));
  outside = await mkdtemp(path.join(tmpdir(), "plumbline-outside-"));
  await writeFile(path.join(outside, "id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n");
  await writeFile(path.join(dir, "web.yaml"), "a: 1\nb: 2\n");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("headFiles", () => {
  it("reads a file of the tree and counts its lines", () => {
    const files = headFiles(dir);
    expect(files.text("web.yaml")).toBe("a: 1\nb: 2\n");
    expect(files.lastLine("web.yaml")).toBe(2);
  });

  it("does not read through a link that leads out of the tree", async () => {
    await symlink(path.join(outside, "id_rsa"), path.join(dir, "key.yaml"));
    await symlink(outside, path.join(dir, "linked"));
    const files = headFiles(dir);
    expect(files.text("key.yaml")).toBeUndefined();
    expect(files.text("linked/id_rsa")).toBeUndefined();
    expect(files.text("../" + path.basename(outside) + "/id_rsa")).toBeUndefined();
  });

  it("follows a link that stays inside the tree", async () => {
    await mkdir(path.join(dir, "base"));
    await writeFile(path.join(dir, "base", "svc.yaml"), "kind: Service\n");
    await symlink("base", path.join(dir, "overlay"));
    expect(headFiles(dir).text("overlay/svc.yaml")).toBe("kind: Service\n");
  });
});
