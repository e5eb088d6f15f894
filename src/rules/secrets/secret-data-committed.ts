import path from "node:path";
import { KUSTOMIZATION_FILES } from "../../manifests/detect.js";
import { joinPointer } from "../../manifests/pointer.js";
import type { Resource } from "../../manifests/resource.js";
import type { Hit, Rule } from "../types.js";
import { isRealValue } from "./literal-value.js";
import { credentialReason } from "./secret-value.js";

export const secretDataCommitted: Rule = {
  id: "secret-data-committed",
  title: "Secret values committed to Git",
  severity: "error",
  category: "security",
  why: "Secret data is only base64-encoded, not encrypted: everyone who can read the repository, its forks and its history can read the values. Commit an encrypted form instead (Sealed Secrets, SOPS) or let External Secrets fetch them from a secret store.",
  appliesTo: (resource) => resource.kind === "Secret" && resource.apiVersion === "v1" && isFromCommittedFile(resource),
  check: (resource) =>
    (["data", "stringData"] as const).flatMap((field): Hit[] => {
      const type = typeof resource.object.type === "string" ? resource.object.type : undefined;
      const keys = credentialKeys(resource.object[field], field === "data", type).filter((key) =>
        isCommittedValue(resource, joinPointer("", field, key)),
      );
      if (keys.length === 0) return [];
      return [
        {
          path: joinPointer("", field),
          // key names are fine to show; values never are
          message: `Secret "${resource.name}" has ${describeKeys(keys)} in ${field} in plain text (base64 is not encryption); use Sealed Secrets, External Secrets or SOPS`,
        },
      ];
    }),
};

/**
 * Piped input (`helm template … | plumbline check -`) may carry values injected at render time, and a
 * Kustomize secretGenerator's output is built from files that may be kept out of Git: neither is
 * known to be committed, so neither is reported.
 */
function isFromCommittedFile(resource: Resource): boolean {
  const file = resource.source.file;
  // "<stdin>" is STDIN_NAME in manifests/load.ts, repeated so that rules do not depend on the loader
  return file !== "<stdin>" && !(KUSTOMIZATION_FILES as readonly string[]).includes(path.basename(file));
}

/**
 * A chart that generates values (a random password, a self-signed key) fills the keys no values file
 * sets at install: only a value traced to a values file (or a chart without generators) is in Git.
 */
function isCommittedValue(resource: Resource, pointer: string): boolean {
  if (!resource.renderedBy?.generatesValues) return true;
  return resource.source.valueSource?.(pointer) !== undefined;
}

/**
 * Keys whose values look like credentials (secret-value.ts): not empty, a placeholder, a template or
 * SOPS ciphertext; not public material (certificates, DH parameters, public keys); and named like a
 * credential, shaped like one, or holding one. A timezone or a URL in a Secret is no leak.
 */
function credentialKeys(section: unknown, base64: boolean, type: string | undefined): string[] {
  if (section === null || typeof section !== "object" || Array.isArray(section)) return [];
  return Object.entries(section as Record<string, unknown>)
    .filter(([key, value]) => typeof value === "string" && isCredential(key, value, base64, type))
    .map(([key]) => key);
}

function isCredential(key: string, value: string, base64: boolean, type: string | undefined): boolean {
  if (!base64) return credentialReason(key, value, type) !== undefined;
  const compact = value.replace(/\s+/g, "");
  // not base64 at all: a template or placeholder the API server would reject, judged as written
  if (compact === "" || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
    return isRealValue(value) && credentialReason(key, value, type) !== undefined;
  const decoded = Buffer.from(compact, "base64").toString("utf8");
  // binary content (keystores, certificates in DER) is key material by nature
  return decoded.includes("\uFFFD") || credentialReason(key, decoded, type) !== undefined;
}

function describeKeys(keys: string[]): string {
  const shown = keys.slice(0, 3).join(", ");
  const more = keys.length > 3 ? `, and ${keys.length - 3} more` : "";
  return `${keys.length === 1 ? "a value" : `${keys.length} values`} (${shown}${more})`;
}
