/**
 * Secret values never leave this module: both sides' `data` and `stringData` are replaced by
 * fingerprints before anything compares, reports, patches or logs them. A fingerprint is a keyed
 * hash of the value and of where it lives (namespace, Secret, key), so it tells "changed" from
 * "same" for that one key and cannot be used to guess a password offline, nor to see that two
 * Secrets hold the same value. The key is made fresh for every process unless a long-lived door
 * (the bot) supplies a secret of its own and a tenant: then fingerprints are comparable across runs
 * of that tenant, and only of that tenant.
 */

import { createHmac, randomBytes } from "node:crypto";
import type { KubeObject, Resource } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";

/** `hmac:<8 hex>` for a value at a place (`[namespace, name, key]`). */
export type Fingerprinter = (value: Uint8Array, where: readonly string[]) => string;

function keyedFingerprinter(key: Uint8Array): Fingerprinter {
  return (value, where) => {
    const hmac = createHmac("sha256", key);
    // length-prefixed, so no two places (or place and value) run together
    for (const part of where) hmac.update(`${Buffer.byteLength(part)}:${part}\u0000`);
    return `hmac:${hmac.update(value).digest("hex").slice(0, 8)}`;
  };
}

/** Fingerprints keyed for this process only: a CLI run compares values within itself. */
export const processFingerprinter: Fingerprinter = keyedFingerprinter(randomBytes(32));

/**
 * Fingerprints keyed by a secret the door already guards (the bot: its App's private key) and by the
 * tenant they are shown to (the bot: `installation:<id>`). The same tenant gets the same fingerprint
 * after a restart or on another replica, so declined Secret drift stays declined; another tenant gets
 * unrelated ones for the same value.
 */
export function stableFingerprinter(secret: string | Uint8Array, tenant: string): Fingerprinter {
  const key = createHmac("sha256", secret).update(`plumbline/secret-fingerprint/v2\u0000${tenant}`).digest();
  return keyedFingerprinter(key);
}

function masked(
  values: unknown,
  decode: (value: string) => Uint8Array,
  fingerprint: Fingerprinter,
  place: readonly string[],
): Record<string, unknown> | undefined {
  if (!isRecord(values)) return undefined;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    // empty and null stay as they are: the API server stores "" as null, and neither is a secret.
    // Anything else is masked, even a number the API server would reject: it is still a value.
    if (value === null || value === undefined || value === "") result[key] = value;
    else {
      const bytes = typeof value === "string" ? decode(value) : Buffer.from(JSON.stringify(value));
      result[key] = fingerprint(bytes, [...place, key]);
    }
  }
  return result;
}

/** Where an object's values live, for their fingerprints: `[namespace, name]` from the first side that names it. */
export function placeOf(...objects: KubeObject[]): string[] {
  for (const object of objects) {
    const metadata = isRecord(object.metadata) ? object.metadata : undefined;
    if (typeof metadata?.name === "string") {
      return [typeof metadata.namespace === "string" ? metadata.namespace : "", metadata.name];
    }
  }
  return ["", ""];
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
export function maskSecrets(
  git: KubeObject,
  live: KubeObject,
  fingerprint: Fingerprinter = processFingerprinter,
): [KubeObject, KubeObject] {
  if (!isSecret(git) || !isSecret(live)) return [git, live];
  // the live object's namespace is the real one (Git may leave it to the context)
  const place = placeOf(live, git);
  const { data: gitData, stringData: gitStringData, sops, ...gitRest } = git;
  const { data: liveData, stringData: _liveStringData, ...liveRest } = live;
  if (sops !== undefined) return [gitRest, liveRest];
  const maskedGit: KubeObject = { ...gitRest };
  const maskedLive: KubeObject = { ...liveRest };
  const gitValues = masked(gitData, fromBase64, fingerprint, place);
  const gitStrings = masked(gitStringData, fromText, fingerprint, place);
  const liveValues = masked(liveData, fromBase64, fingerprint, place) ?? {};
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
export function maskSecret(object: KubeObject, fingerprint: Fingerprinter = processFingerprinter): KubeObject {
  if (!isSecret(object)) return object;
  const { data, stringData, sops: _sops, ...rest } = object;
  const result: KubeObject = { ...rest };
  const place = placeOf(object);
  const values = masked(data, fromBase64, fingerprint, place);
  const strings = masked(stringData, fromText, fingerprint, place);
  if (values) result.data = values;
  if (strings) result.stringData = strings;
  return result;
}

/** Pointers under which a Secret keeps values: never patched, never written. */
export function isSecretValuePath(object: { kind: string; apiVersion?: string }, path: readonly (string | number)[]): boolean {
  return object.kind === "Secret" && (path[0] === "data" || path[0] === "stringData");
}

/** The Git files that carry a Secret's values (not only its name): what must never be uploaded. */
export function filesWithSecretValues(resources: readonly Resource[]): Set<string> {
  const files = new Set<string>();
  for (const resource of resources) {
    if (!isSecret(resource.object)) continue;
    const { data, stringData } = resource.object as { data?: unknown; stringData?: unknown };
    if (hasValues(data) || hasValues(stringData)) files.add(resource.source.file);
  }
  return files;
}

function hasValues(values: unknown): boolean {
  return isRecord(values) && Object.values(values).some((value) => value !== "" && value !== null);
}
