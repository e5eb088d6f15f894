/**
 * The drift pipeline both doors run (`plumbline drift` and the bot):
 *
 *     load Git → scope (namespaces; refuse when a file did not load) → kinds → live read
 *       → compare → the one write-back planner → edits
 *
 * A door supplies where Git comes from (a directory, or the files of a commit read from GitHub)
 * and what to do with the outcome (print and write files, or open a pull request). The live
 * source is any of the table in src/live/sources/. A live source that cannot be read throws
 * LiveSourceError: the door says why in its own words.
 */

import { withHelmValues } from "../../helm/drift-values.js";
import { readLiveState } from "../../live/index.js";
import type { LiveReadOptions, LiveSource, LiveState } from "../../live/types.js";
import type { LoadProblem, ManifestSet, Resource } from "../../manifests/resource.js";
import { type DriftOptions, detectDrift } from "../compare.js";
import { planEdits, type WriteBackEdits, type WriteBackOptions } from "../edits.js";
import { filesWithSecretValues } from "../secret-values.js";
import type { DriftResult } from "../types.js";
import { scopeGit, wantedKinds } from "./scope.js";

export { problemLine, REFUSAL, scopeGit, wantedKinds } from "./scope.js";

/** Where Git's manifests come from. */
export interface GitTree {
  /** the manifests of the paths the check covers */
  readonly load: () => Promise<ManifestSet>;
  /** a file's text, the file named as Resource.source.file names it; undefined when there is none */
  readonly read: (file: string) => Promise<string | undefined>;
}

export interface DriftRequest {
  readonly git: GitTree;
  /** `drift.clusters[].namespaces`: empty or absent for all */
  readonly namespaces?: readonly string[];
  readonly source: LiveSource;
  readonly live?: LiveReadOptions;
  readonly compare?: DriftOptions;
  /** plan the edits that write the cluster's state back to Git (`--write`, the bot's pull request) */
  readonly write?: WriteRequest | false;
}

export interface WriteRequest {
  /**
   * Leave every file that holds Secret values as it is, even when another of its documents drifted.
   * The bot does: the file's new text goes to GitHub in a request, and the values with it.
   */
  readonly leaveFilesWithSecretValues?: boolean;
}

export type DriftRun =
  | { readonly ok: false; readonly fatal: LoadProblem[]; readonly problems: LoadProblem[] }
  | {
      readonly ok: true;
      readonly resources: Resource[];
      /** load problems that hide no applied object: warnings */
      readonly problems: LoadProblem[];
      readonly live: LiveState;
      readonly result: DriftResult;
      /** present when the request asked for write-back */
      readonly edits?: WriteBackEdits;
    };

export async function runDrift(request: DriftRequest): Promise<DriftRun> {
  const scope = scopeGit(await request.git.load(), request.namespaces);
  if (!scope.ok) return scope;
  const live = await readLiveState(request.source, wantedKinds(scope.resources), request.live);
  const result = detectDrift(scope.resources, live, request.compare);
  const edits = request.write
    ? await withHelmValues(
        await planEdits(result, request.git.read, writeOptions(request.write, scope.resources)),
        scope.resources,
        request.git.read,
      )
    : undefined;
  return { ok: true, resources: scope.resources, problems: scope.problems, live, result, ...(edits ? { edits } : {}) };
}

function writeOptions(request: WriteRequest, resources: readonly Resource[]): WriteBackOptions {
  if (!request.leaveFilesWithSecretValues) return {};
  const reason = "the file holds Secret values";
  return { untouchable: new Map([...filesWithSecretValues(resources)].map((file) => [file, reason])) };
}
