import type { TreeEntry } from "./git-store.js";
import { NOT_FOUND, type Reply, type Route, type RouteContext, unprocessable } from "./route.js";

/** The Git Data API, contents (raw, for the config plugin), refs and compare. */

function treeListing(context: RouteContext, treeSha: string, entries: ReadonlyMap<string, TreeEntry>, recursive: boolean): Reply {
  const listed: Record<string, unknown>[] = [];
  const directories = new Set<string>();
  for (const [path, entry] of entries) {
    const parts = path.split("/");
    if (!recursive && parts.length > 1) {
      directories.add(parts[0] as string);
      continue;
    }
    for (let i = 1; i < parts.length; i++) directories.add(parts.slice(0, i).join("/"));
    const size = context.repo.git.blobs.get(entry.sha)?.length ?? 0;
    listed.push({ path, mode: entry.mode, type: "blob", sha: entry.sha, size, url: `${context.baseUrl}/blobs/${entry.sha}` });
  }
  for (const directory of directories) listed.push({ path: directory, mode: "040000", type: "tree", sha: "0".repeat(40) });
  listed.sort((a, b) => (String(a.path) < String(b.path) ? -1 : 1));
  return [200, { sha: treeSha, url: "", tree: listed, truncated: false }];
}

export const gitRoutes: Record<string, Route> = {
  "GET /repos/{owner}/{repo}/contents/{path}": ({ repo, params, url }) => {
    const ref = url.searchParams.get("ref") ?? repo.defaultBranch;
    const text = repo.git.readFile(ref, params.path ?? "");
    if (text === undefined) return NOT_FOUND;
    return [200, text, { "content-type": "application/vnd.github.raw; charset=utf-8" }];
  },
  "GET /repos/{owner}/{repo}/git/ref/{ref}": ({ repo, params }) => {
    const sha = repo.git.refs.get(params.ref ?? "");
    return sha
      ? [200, { ref: `refs/${params.ref}`, object: { sha, type: "commit", url: "" }, url: "", node_id: "x" }]
      : NOT_FOUND;
  },
  "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": (context) => {
    const { repo, params, url } = context;
    const requested = params.tree_sha ?? "";
    const commit = repo.git.commits.get(requested) ?? repo.git.commits.get(repo.git.refs.get(`heads/${requested}`) ?? "");
    const treeSha = commit ? commit.tree : requested;
    const entries = repo.git.trees.get(treeSha);
    return entries ? treeListing(context, treeSha, entries, url.searchParams.has("recursive")) : NOT_FOUND;
  },
  "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": ({ repo, params }) => {
    const blob = repo.git.blobs.get(params.file_sha ?? "");
    return blob
      ? [
          200,
          {
            sha: params.file_sha,
            size: blob.length,
            encoding: "base64",
            content: blob.toString("base64"),
            url: "",
            node_id: "x",
          },
        ]
      : NOT_FOUND;
  },
  "POST /repos/{owner}/{repo}/git/blobs": ({ repo, body }) => {
    const content = String(body.content);
    const sha = repo.git.putBlob(Buffer.from(content, body.encoding === "base64" ? "base64" : "utf8"));
    return [201, { sha, url: "" }];
  },
  "POST /repos/{owner}/{repo}/git/trees": ({ repo, body }) => {
    const base = body.base_tree ? repo.git.trees.get(String(body.base_tree)) : new Map<string, TreeEntry>();
    if (!base) return unprocessable("base_tree not found");
    const entries = new Map(base);
    for (const item of body.tree as { path: string; mode: string; sha: string | null }[]) {
      if (item.sha === null) entries.delete(item.path);
      else if (!repo.git.blobs.has(item.sha)) return unprocessable(`blob ${item.sha} not found`);
      else entries.set(item.path, { mode: item.mode, sha: item.sha });
    }
    return [201, { sha: repo.git.putTree(entries), url: "", tree: [], truncated: false }];
  },
  "POST /repos/{owner}/{repo}/git/commits": ({ repo, body, caller }) => {
    const tree = String(body.tree);
    const parents = (body.parents as string[] | undefined) ?? [];
    if (!repo.git.trees.has(tree) || parents.some((parent) => !repo.git.commits.has(parent)))
      return unprocessable("tree or parent not found");
    // an App's commit is authored by its bot account unless the request says otherwise
    const author = { name: caller.login, email: `${caller.id}+${caller.login}@users.noreply.github.com`, login: caller.login };
    const sha = repo.git.putCommit({ tree, parents, message: String(body.message), author });
    return [201, { sha, tree: { sha: tree }, parents: parents.map((parent) => ({ sha: parent })), message: body.message }];
  },
  "POST /repos/{owner}/{repo}/git/refs": ({ repo, body }) => {
    const ref = String(body.ref).replace(/^refs\//, "");
    if (repo.git.refs.has(ref)) return unprocessable("Reference already exists");
    if (!repo.git.commits.has(String(body.sha))) return unprocessable("Object does not exist");
    repo.git.refs.set(ref, String(body.sha));
    return [201, { ref: `refs/${ref}`, object: { sha: body.sha, type: "commit" } }];
  },
  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": ({ repo, params, body }) => {
    const ref = params.ref ?? "";
    const current = repo.git.refs.get(ref);
    if (!current) return unprocessable("Reference does not exist");
    const sha = String(body.sha);
    if (!body.force && !repo.git.ancestors(sha).has(current)) return unprocessable("Update is not a fast forward");
    repo.git.refs.set(ref, sha);
    return [200, { ref: `refs/${ref}`, object: { sha, type: "commit" } }];
  },
  "DELETE /repos/{owner}/{repo}/git/refs/{ref}": ({ repo, params }) => {
    if (!repo.git.refs.delete(params.ref ?? "")) return unprocessable("Reference does not exist");
    return [204, undefined];
  },
  "GET /repos/{owner}/{repo}/compare/{basehead}": ({ repo, params }) => {
    const [base = "", head = ""] = (params.basehead ?? "").split("...");
    const resolve = (name: string) => (repo.git.commits.has(name) ? name : repo.git.refs.get(`heads/${name}`));
    const baseSha = resolve(base);
    const headSha = resolve(head);
    if (!baseSha || !headSha) return NOT_FOUND;
    const commits = repo.git.between(baseSha, headSha).map((commit) => ({
      sha: commit.sha,
      author: commit.author.login ? { login: commit.author.login } : null,
      committer: commit.author.login ? { login: commit.author.login } : null,
      commit: { message: commit.message, author: { name: commit.author.name, email: commit.author.email, date: commit.date } },
      parents: commit.parents.map((sha) => ({ sha })),
    }));
    return [
      200,
      {
        status: commits.length > 0 ? "ahead" : "identical",
        ahead_by: commits.length,
        behind_by: 0,
        total_commits: commits.length,
        commits,
        files: [],
      },
    ];
  },
};
