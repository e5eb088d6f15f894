/**
 * A pull request can add symbolic links (issue #10 §3): reading never leaves the directory given. A
 * link to a file outside is not read or quoted, a link to `/` does not walk the filesystem, loops are
 * safe, links that stay inside are followed, and every link not followed is said once.
 */

import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadManifests } from "../../src/manifests/load.js";

const configMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  secret: ${name}-value\n`;

let base: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), "plumbline-links-"));
  await mkdir(path.join(base, "repo", "apps"), { recursive: true });
  await writeFile(path.join(base, "private.yaml"), configMap("outside"));
  await writeFile(path.join(base, "repo", "apps", "web.yaml"), configMap("web"));
  await writeFile(path.join(base, "repo", "apps", "data.txt"), configMap("linked-inside"));
  await symlink(path.join(base, "private.yaml"), path.join(base, "repo", "apps", "steal.yaml"));
  await symlink("/", path.join(base, "repo", "apps", "root"));
  await symlink("..", path.join(base, "repo", "apps", "up"));
  await symlink("loop-b.yaml", path.join(base, "repo", "apps", "loop-a.yaml"));
  await symlink("loop-a.yaml", path.join(base, "repo", "apps", "loop-b.yaml"));
  await symlink("data.txt", path.join(base, "repo", "apps", "inside.yaml"));
  await symlink("web.yaml", path.join(base, "repo", "apps", "again.yaml"));
});

describe("symbolic links when reading", () => {
  it("never read outside the directory given, never walk a link, and say each skipped link once", async () => {
    const set = await loadManifests(["repo"], { cwd: base });
    expect(set.resources.map((r) => r.name).sort()).toEqual(["linked-inside", "web"]);
    const skipped = set.problems.map((p) => [p.kind, p.file]);
    expect(skipped).toEqual([
      ["symlink", path.join("repo", "apps", "loop-a.yaml")],
      ["symlink", path.join("repo", "apps", "loop-b.yaml")],
      ["symlink", path.join("repo", "apps", "root")],
      ["symlink", path.join("repo", "apps", "steal.yaml")],
    ]);
    // the outside file's content and path are never quoted
    expect(JSON.stringify(set)).not.toContain("outside-value");
    expect(JSON.stringify(set.problems)).not.toContain("private.yaml");
  });

  it("does not read a named file that is a link to outside the working directory", async () => {
    const set = await loadManifests(["apps/steal.yaml", "apps/web.yaml"], { cwd: path.join(base, "repo") });
    expect(set.resources.map((r) => r.name)).toEqual(["web"]);
    expect(set.problems).toEqual([expect.objectContaining({ kind: "symlink", file: "apps/steal.yaml" })]);
  });
});
