import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { MANIFEST_EXTENSIONS } from "../manifests/detect.js";
import { type FileLimits, MAX_DOCUMENTS_PER_FILE, MAX_TOKENS_PER_DOCUMENT } from "../manifests/limits.js";
import { parseManifestText } from "../manifests/parse.js";
import type { KubeObject } from "../manifests/resource.js";
import { LiveSourceError } from "./errors.js";
import { addScope, objectNamespace, sameKind } from "./scopes.js";
import type { KindInfo, ListedScope, LiveReadOptions, LiveState, UnlistedScope, WantedKinds } from "./types.js";

/**
 * Reads `kubectl get -o yaml|json` output saved to a file, or a directory of such files (a List,
 * or several documents), into the same shape as a cluster read.
 *
 * A snapshot does not say what was asked for, so it vouches only for what it shows signs of: a
 * (kind, namespace) counts as listed when the snapshot holds at least one object of that kind and
 * at least one object in that namespace. Otherwise the Git objects there would all look missing
 * merely because the snapshot was taken with a narrower `kubectl get`.
 */
export async function readSnapshot(snapshotPath: string, wanted: WantedKinds, options: LiveReadOptions = {}): Promise<LiveState> {
  const all = await readSnapshotObjects(snapshotPath);
  const defaultNamespace = options.defaultNamespace ?? "default";
  const namespacesSeen = new Set<string>();
  for (const object of all) {
    const namespace = objectNamespace(object);
    if (namespace !== undefined) namespacesSeen.add(namespace);
    if (object.kind === "Namespace" && object.apiVersion === "v1") {
      const name = (object.metadata as { name?: unknown } | undefined)?.name;
      if (typeof name === "string") namespacesSeen.add(name);
    }
  }

  const kinds: KindInfo[] = [];
  const listed: ListedScope[] = [];
  const unlisted: UnlistedScope[] = [];
  for (const want of wanted) {
    const ofKind = all.filter((object) => sameKind(object as { apiVersion: string; kind: string }, want));
    const namespaced = ofKind.length === 0 ? undefined : ofKind.some((object) => objectNamespace(object) !== undefined);
    if (!kinds.some((info) => info.apiVersion === want.apiVersion && info.kind === want.kind)) {
      kinds.push({ apiVersion: want.apiVersion, kind: want.kind, namespaced });
    }
    if (namespaced === undefined) {
      addScope(unlisted, {
        apiVersion: want.apiVersion,
        kind: want.kind,
        reason: "not-in-snapshot",
        message: `the snapshot ${snapshotPath} holds no ${want.kind} (${want.apiVersion}), so it cannot tell whether any exists`,
      });
      continue;
    }
    const namespace = namespaced ? (want.namespace ?? defaultNamespace) : undefined;
    const scope = { apiVersion: want.apiVersion, kind: want.kind, ...(namespace !== undefined ? { namespace } : {}) };
    if (namespace !== undefined && !namespacesSeen.has(namespace)) {
      addScope(unlisted, {
        ...scope,
        reason: "not-in-snapshot",
        message: `the snapshot ${snapshotPath} holds nothing in namespace "${namespace}", so it cannot tell what exists there`,
      });
    } else addScope(listed, scope);
  }

  const objects = all.filter((object) =>
    listed.some(
      (scope) => sameKind(object as { apiVersion: string; kind: string }, scope) && objectNamespace(object) === scope.namespace,
    ),
  );
  return { source: `snapshot ${snapshotPath}`, objects, listed, unlisted, kinds, defaultNamespace };
}

/**
 * The user wrote the snapshot (`kubectl get -A -o yaml`): one `kind: List` document can hold a whole
 * cluster, far past what a pull request's file may cost. Still bounded, so a runaway file ends in an error.
 */
const SNAPSHOT_LIMITS: FileLimits = { documents: 100 * MAX_DOCUMENTS_PER_FILE, tokensPerDocument: 100 * MAX_TOKENS_PER_DOCUMENT };

/** Every object in the snapshot, Lists expanded. A file that does not parse fails the whole read. */
export async function readSnapshotObjects(snapshotPath: string): Promise<KubeObject[]> {
  const info = await stat(snapshotPath).catch(() => undefined);
  if (info === undefined) throw new LiveSourceError("snapshot", `snapshot ${snapshotPath}: no such file or directory`);
  let files: string[];
  if (info.isDirectory()) {
    const patterns = MANIFEST_EXTENSIONS.map((extension) => `**/*${extension}`);
    files = (await glob(patterns, { cwd: snapshotPath, onlyFiles: true, caseSensitiveMatch: false }))
      .sort()
      .map((file) => path.join(snapshotPath, file));
    if (files.length === 0)
      throw new LiveSourceError("snapshot", `snapshot ${snapshotPath}: the directory holds no .yaml, .yml or .json file`);
  } else files = [snapshotPath];

  const objects: KubeObject[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new LiveSourceError(
        "snapshot",
        `snapshot ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
    const { resources, problems } = parseManifestText(text, file, "snapshot", SNAPSHOT_LIMITS);
    // a document that did not load would make every object in it look deleted from the cluster
    const broken = problems.find((problem) => problem.kind === "syntax" || problem.kind === "too-large");
    if (broken)
      throw new LiveSourceError("snapshot", `snapshot ${broken.file}:${broken.line}:${broken.column}: ${broken.message}`);
    for (const resource of resources) objects.push(resource.object);
  }
  // nothing to compare with is not "no drift": an empty file or a failed `kubectl get > file` says nothing
  if (objects.length === 0)
    throw new LiveSourceError(
      "snapshot",
      `snapshot ${snapshotPath}: holds no Kubernetes object, so there is nothing to compare with`,
    );
  return objects;
}
