/**
 * Whether one value of a Secret looks like a credential, judged by its key and by the value itself,
 * as secret scanners (gitleaks, detect-secrets) do: a key named like a password, token or key, a
 * value in a known credential format or with the entropy of a generated key, binary key material, a
 * configuration file with a password in it, or a Secret type that only ever holds credentials. A
 * timezone, a URL, public Diffie-Hellman parameters or a public key are no credentials.
 */

import { classifyName } from "../../k8s/credential-names.js";
import { recognizeCredential } from "./credential-formats.js";
import { isRealValue, isSecretObjectName, looksRandom } from "./literal-value.js";
import { isOnlyPublicCertificates } from "./public-certificate.js";

/** Types whose every value is a credential (their documented keys: password, ssh-privatekey, key…). */
const CREDENTIAL_TYPES = new Set([
  "kubernetes.io/basic-auth",
  "kubernetes.io/ssh-auth",
  "kubernetes.io/dockercfg",
  "kubernetes.io/dockerconfigjson",
  "kubernetes.io/service-account-token",
  "bootstrap.kubernetes.io/token",
  "kubernetes.io/rbd",
  "kubernetes.io/glusterfs",
]);

/** Keys of public material: Diffie-Hellman parameters, public keys. */
const PUBLIC_KEY_NAME = /(^|[._-])(dhparams?|dh-?param(eter)?s?|pubkey|public[-_]?key)(\.pem)?$|\.pub$/i;

/** PEM blocks and one-line keys that are public by design. */
const PUBLIC_MATERIAL =
  /^\s*(-----BEGIN (DH PARAMETERS|X9\.42 DH PARAMETERS|PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK)-----[\s\S]*-----END \2-----\s*)+$|^\s*(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+( [^\n]*)?\s*$/;

/** `password = x`, `"token": "x"`, `Password=x;`: a name and a value, anywhere in a line of a config file. */
const PAIR = /([A-Za-z][A-Za-z0-9_.-]*)"?'?\s*[:=]\s*"?'?([^\s"',;]+)/g;

/**
 * Why the value is a credential ("is named like a password"), or undefined when nothing in its key or
 * value says so. The value is never part of the answer.
 */
export function credentialReason(key: string, value: string, secretType: string | undefined): string | undefined {
  if (PUBLIC_KEY_NAME.test(key) || PUBLIC_MATERIAL.test(value) || isOnlyPublicCertificates(value)) return undefined;
  const recognized = recognizeCredential(value);
  if (recognized !== undefined) return recognized;
  if (!isRealValue(value)) return undefined;
  if (secretType !== undefined && CREDENTIAL_TYPES.has(secretType)) return `is in a ${secretType} Secret`;
  // in a Secret, a key named "key" (Ceph, Heketi) holds one: both strengths of name count
  if (classifyName(key) !== undefined && !isSecretObjectName(value.trim())) return "is named like a credential";
  if (looksRandom(value)) return "looks randomly generated";
  return credentialInText(value);
}

/** A configuration file (grafana.ini, alertmanager.yaml, a connection string) with a credential in it. */
function credentialInText(text: string): string | undefined {
  if (!/[:=]/.test(text)) return undefined;
  for (const line of text.split(/\r?\n/)) {
    for (const token of line.split(/\s+/)) {
      // URLs with a password, webhook URLs, tokens in known formats, wherever they stand
      if (token.length > 8 && recognizeCredential(token.replace(/^["']|["',]+$/g, "")) !== undefined) return "holds a credential";
    }
    for (const [, name, value] of line.matchAll(PAIR)) {
      if (name === undefined || value === undefined) continue;
      if (classifyName(name)?.strength === "strong" && isRealValue(value) && !isSecretObjectName(value)) {
        return `holds a setting named like a credential (${name})`;
      }
    }
  }
  return undefined;
}
