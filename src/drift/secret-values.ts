/**
 * Secret values never leave this module: both sides' `data` and `stringData` are replaced by
 * fingerprints before anything compares, reports, patches or logs them. A fingerprint is a keyed
 * hash, so it tells "changed" from "same" and cannot be used to guess a password offline. The key is
 * made fresh for every process unless a long-lived door (the bot) supplies a secret of its own, which
 * makes fingerprints comparable across runs.
 */

import { createHmac, randomBytes } from "node:crypto";
import type { KubeObject } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";

let fingerprintKey: Uint8Array = randomBytes(32);

/**
 * Derives the fingerprint key from a secret the process already guards (the App's private key), so
 * the same Secret value gives the same fingerprint after a restart or on another replica.
 */
export function useStableFingerprints(secret: string | Uint8Array): void {
  fingerprintKey = createHmac("sha256", secret).update("plumbline/secret-fingerprint/v1").digest();
}

export function fingerprint(bytes: Uint8Array): string {
  return `hmac:${createHmac("sha256", fingerprintKey).update(bytes).digest("hex").slice(0, 8)}`;
}

function masked(values: unknown, decode: (value: string) => Uint8Array): Record<string, unknown> | undefined {
  if (!isRecord(values)) return undefined;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    // empty and null stay as they are: the API server stores "" as null, and neither is a secret.
    // Anything else is masked, even a number the API server would reject: it is still a value.
    if (value === null || value === undefined || value === "") result[key] = value;
    else result[key] = fingerprint(typeof value === "string" ? decode(value) : Buffer.from(JSON.stringify(value)));
  }
  return result;
}

const fromBase64 = (value: string) => Buffer.from(value, "base64");
const fromText = (value: string) => Buffer.from(value, "utf8");

/** Whether the object carries secret values that must be masked. */
export function isSecret(object: KubeObject): boolean {
  return object.kind === "Secret" && (object.apiVersion === "v1" || object.apiVersion === undefined);
}

/**
 * Git and live Secrets with fingerprints for values. The API server folds `stringData` into
 * `data`, so the live values of the keys Git writes as `stringData` are moved there to meet them.
 * A SOPS-encrypted Secret in Git cannot be compared by value: its data is left out on both sides.
 */
export function maskSecrets(git: KubeObject, live: KubeObject): [KubeObject, KubeObject] {
  if (!isSecret(git) || !isSecret(live)) return [git, live];
  const { data: gitData, stringData: gitStringData, sops, ...gitRest } = git;
  const { data: liveData, stringData: _liveStringData, ...liveRest } = live;
  if (sops !== undefined) return [gitRest, liveRest];
  const maskedGit: KubeObject = { ...gitRest };
  const maskedLive: KubeObject = { ...liveRest };
  const gitValues = masked(gitData, fromBase64);
  const gitStrings = masked(gitStringData, fromText);
  const liveValues = masked(liveData, fromBase64) ?? {};
  if (gitValues) maskedGit.data = gitValues;
  if (gitStrings) {
    maskedGit.stringData = gitStrings;
    const moved: Record<string, unknown> = {};
    for (const key of Object.keys(gitStrings)) {
      if (key in liveValues) moved[key] = liveValues[key];
      delete liveValues[key];
      // a key in both wins as stringData on the server: data's copy is not compared twice
      if (gitValues) delete gitValues[key];
    }
    maskedLive.stringData = moved;
  }
  if (liveData !== undefined) maskedLive.data = liveValues;
  return [maskedGit, maskedLive];
}

/** Masks a lone Secret (an extra, or one Git declares that the cluster lacks) for display. */
export function maskSecret(object: KubeObject): KubeObject {
  if (!isSecret(object)) return object;
  const { data, stringData, sops: _sops, ...rest } = object;
  const result: KubeObject = { ...rest };
  const values = masked(data, fromBase64);
  const strings = masked(stringData, fromText);
  if (values) result.data = values;
  if (strings) result.stringData = strings;
  return result;
}

/** Pointers under which a Secret keeps values: never patched, never written. */
export function isSecretValuePath(object: { kind: string; apiVersion?: string }, path: readonly (string | number)[]): boolean {
  return object.kind === "Secret" && (path[0] === "data" || path[0] === "stringData");
}
