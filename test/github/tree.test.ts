import { describe, expect, it } from "vitest";
import { TreeTooLargeError } from "../../src/forge/platform.js";
import { isUnderPath, listTree, MAX_FILE_BYTES, MAX_FILES, readManifestTree } from "../../src/github/tree.js";
import { DEFAULT_MAX_FILE_SIZE } from "../../src/manifests/load.js";
import { type GitHubDouble, REPO, useGitHubDouble } from "./support/github-double.js";

const TREE = "GET /repos/{owner}/{repo}/git/trees/{tree_sha}";
const BLOB = "GET /repos/{owner}/{repo}/git/blobs/{file_sha}";
const COMMIT = "c".repeat(40);

interface Listed {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  size?: number;
}

/** A commit's tree and its blobs, as GitHub lists and serves them. */
function serveTree(github: GitHubDouble, tree: Listed[], blobs: Record<string, string>, truncated = false): void {
  github
    .on(TREE, ({ params }) =>
      params.tree_sha === COMMIT ? [200, { sha: "t".repeat(40), url: "", tree, truncated }] : [404, { message: "Not Found" }],
    )
    .on(BLOB, ({ params }) => {
      const text = blobs[params.file_sha ?? ""];
      if (text === undefined) return [404, { message: "Not Found" }];
      const content = Buffer.from(text).toString("base64");
      return [200, { sha: params.file_sha, node_id: "", url: "", size: text.length, encoding: "base64", content }];
    });
}

const HOSTILE: Listed[] = [
  { path: "deploy/web.yaml", mode: "100644", type: "blob", sha: "1", size: 20 },
  { path: "deploy/run.yaml", mode: "100755", type: "blob", sha: "2", size: 20 },
  { path: "deploy/link.yaml", mode: "120000", type: "blob", sha: "3", size: 11 },
  { path: "deploy/vendor", mode: "160000", type: "commit", sha: "4" },
  { path: "deploy/../../etc/passwd.yaml", mode: "100644", type: "blob", sha: "5", size: 20 },
  { path: "/abs.yaml", mode: "100644", type: "blob", sha: "6", size: 20 },
  { path: "deploy/huge.yaml", mode: "100644", type: "blob", sha: "7", size: MAX_FILE_BYTES + 1 },
  { path: "deploy/kust/kustomization.yaml", mode: "100644", type: "blob", sha: "8", size: 20 },
  { path: "deploy/kust/app.env", mode: "100644", type: "blob", sha: "9", size: 20 },
  { path: "deploy/README.md", mode: "100644", type: "blob", sha: "10", size: 20 },
  { path: "other/x.yaml", mode: "100644", type: "blob", sha: "11", size: 20 },
  { path: "deploy", mode: "040000", type: "tree", sha: "12" },
];
const BLOBS: Record<string, string> = { "1": "kind: A", "2": "kind: B", "8": "resources: []", "9": "A=1" };

const double = useGitHubDouble();

describe("listTree", () => {
  it("lists regular files only: no links, submodules, paths that climb out, and large files only by name", async () => {
    const github = double();
    serveTree(github, HOSTILE, BLOBS);
    const listing = await listTree(github.client(), REPO, COMMIT);
    expect(listing.entries.map((entry) => entry.path)).toEqual([
      "deploy/web.yaml",
      "deploy/run.yaml",
      "deploy/kust/kustomization.yaml",
      "deploy/kust/app.env",
      "deploy/README.md",
      "other/x.yaml",
    ]);
    expect(listing.oversize).toEqual(["deploy/huge.yaml"]);
    expect(listing.treeSha).toBe("t".repeat(40));
  });

  it("refuses a listing GitHub truncated", async () => {
    const github = double();
    serveTree(github, HOSTILE, BLOBS, true);
    await expect(listTree(github.client(), REPO, COMMIT)).rejects.toBeInstanceOf(TreeTooLargeError);
  });

  it("has one size limit, the loader's", () => {
    expect(MAX_FILE_BYTES).toBe(DEFAULT_MAX_FILE_SIZE);
  });
});

describe("readManifestTree", () => {
  it("reads manifests and every file of a Kustomize directory under the paths, nothing else", async () => {
    const github = double();
    serveTree(github, HOSTILE, BLOBS);
    const { files } = await readManifestTree(github.client(), REPO, COMMIT, ["./deploy/"]);
    expect(files.map(({ entry, content }) => [entry.path, entry.mode, content.toString("utf8")])).toEqual([
      ["deploy/web.yaml", "100644", "kind: A"],
      ["deploy/run.yaml", "100755", "kind: B"],
      ["deploy/kust/kustomization.yaml", "100644", "resources: []"],
      ["deploy/kust/app.env", "100644", "A=1"],
    ]);
    expect(github.bodies(BLOB)).toHaveLength(4);
  });

  it(`stops before downloading more than ${MAX_FILES} files`, async () => {
    const github = double();
    const many: Listed[] = Array.from({ length: MAX_FILES + 1 }, (_, index) => ({
      path: `deploy/f${index}.yaml`,
      mode: "100644",
      type: "blob",
      sha: String(index),
      size: 1,
    }));
    serveTree(github, many, {});
    await expect(readManifestTree(github.client(), REPO, COMMIT, ["deploy"])).rejects.toThrow(/1001 files/);
    expect(github.bodies(BLOB)).toHaveLength(0);
  });
});

describe("isUnderPath", () => {
  it("takes a directory, a file or the root, however the path is written", () => {
    expect(isUnderPath("clusters/prod/web.yaml", "clusters/prod")).toBe(true);
    expect(isUnderPath("clusters/prod/web.yaml", "./clusters/prod/")).toBe(true);
    expect(isUnderPath("clusters/prod/web.yaml", "/clusters/prod")).toBe(true);
    expect(isUnderPath("clusters/prod/web.yaml", "clusters/prod/web.yaml")).toBe(true);
    expect(isUnderPath("clusters/prod/web.yaml", ".")).toBe(true);
    expect(isUnderPath("clusters/production/web.yaml", "clusters/prod")).toBe(false);
    expect(isUnderPath("clusters/prod/web.yaml", "clusters/staging")).toBe(false);
  });
});
