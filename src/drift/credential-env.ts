/**
 * Credentials in containers' environment. A variable whose value Git takes from a Secret
 * (`valueFrom.secretKeyRef`) holds a secret even when the cluster now has it as a literal `value`
 * (someone ran `kubectl set env` or edited the object), and so does a variable named like a
 * credential. Their values are replaced by fingerprints on both sides before anything compares or
 * reports them, and every change to such a variable is marked so it is never patched or written
 * back: writing it would commit the credential, and removing Git's `secretKeyRef` alone would break
 * the manifest.
 */

import { mayHoldCredential } from "../k8s/credential-names.js";
import { podTemplatePath } from "../k8s/workload.js";
import { formatPointer, valueAt } from "../manifests/pointer.js";
import type { KubeObject, Resource } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";
import { type Fingerprinter, placeOf } from "./secret-values.js";

export const CREDENTIAL_NO_WRITE =
  "Secret value (the variable takes it from a Secret, or is named like a credential): never written to Git";

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;

export interface MaskedCredentials {
  readonly git: KubeObject;
  readonly live: KubeObject;
  /** pointers of the credential variables in each object: changes under them are never written */
  readonly gitPointers: readonly string[];
  readonly livePointers: readonly string[];
}

export function maskCredentialEnv(git: KubeObject, live: KubeObject, fingerprint: Fingerprinter): MaskedCredentials {
  const template = podTemplatePath({ kind: String(git.kind) } as Pick<Resource, "kind"> as Resource);
  if (template === undefined) return { git, live, gitPointers: [], livePointers: [] };
  const place = placeOf(live, git);
  const secretNames = new Map<string, Set<string>>();
  for (const object of [git, live]) {
    for (const { container, env } of envLists(object, template)) {
      const names = secretNames.get(container) ?? new Set<string>();
      for (const entry of env) {
        if (!isRecord(entry) || typeof entry.name !== "string") continue;
        const fromSecret = isRecord(entry.valueFrom) && entry.valueFrom.secretKeyRef !== undefined;
        if (fromSecret || mayHoldCredential(entry.name)) names.add(entry.name);
      }
      secretNames.set(container, names);
    }
  }
  if (![...secretNames.values()].some((names) => names.size > 0)) return { git, live, gitPointers: [], livePointers: [] };
  const maskedGit = mask(git, template, secretNames, fingerprint, place);
  const maskedLive = mask(live, template, secretNames, fingerprint, place);
  return { git: maskedGit.object, live: maskedLive.object, gitPointers: maskedGit.pointers, livePointers: maskedLive.pointers };
}

interface EnvList {
  readonly container: string;
  readonly pointer: string;
  readonly env: unknown[];
}

function envLists(object: KubeObject, template: string): EnvList[] {
  const lists: EnvList[] = [];
  for (const list of CONTAINER_LISTS) {
    const containers = valueAt(object, `${template}/spec/${list}`);
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, index) => {
      if (!isRecord(container) || !Array.isArray(container.env)) return;
      const name = typeof container.name === "string" ? container.name : String(index);
      lists.push({ container: `${list}/${name}`, pointer: `${template}/spec/${list}/${index}/env`, env: container.env });
    });
  }
  return lists;
}

function mask(
  original: KubeObject,
  template: string,
  secretNames: ReadonlyMap<string, ReadonlySet<string>>,
  fingerprint: Fingerprinter,
  place: readonly string[],
): { object: KubeObject; pointers: string[] } {
  const object = structuredClone(original);
  const pointers: string[] = [];
  for (const { container, pointer, env } of envLists(object, template)) {
    const names = secretNames.get(container);
    env.forEach((entry, index) => {
      if (!isRecord(entry) || typeof entry.name !== "string" || !names?.has(entry.name)) return;
      pointers.push(`${pointer}/${index}`);
      if (typeof entry.value === "string" && entry.value !== "") {
        entry.value = fingerprint(Buffer.from(entry.value, "utf8"), [...place, container, entry.name]);
      }
    });
  }
  return { object, pointers };
}

/** Whether a change (by its pointers into either object) touches a credential variable. */
export function touchesCredential(
  masked: Pick<MaskedCredentials, "gitPointers" | "livePointers">,
  gitPath: readonly (string | number)[],
  livePath: readonly (string | number)[],
): boolean {
  const within = (pointer: string, prefixes: readonly string[]) =>
    prefixes.some((prefix) => pointer === prefix || pointer.startsWith(`${prefix}/`) || prefix.startsWith(`${pointer}/`));
  return (
    within(formatPointer(gitPath), masked.gitPointers) ||
    (livePath.length > 0 && within(formatPointer(livePath), masked.livePointers))
  );
}
