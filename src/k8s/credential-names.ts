/**
 * What an environment variable's name says about its value. The last word of a name is what the value
 * is (`DB_PASSWORD` is a password; `PASSWORD_MIN_LENGTH` is a length, `PASSWORD_FILE` a path), so
 * only that word, after decorations like `_B64` or `_PROD`, decides.
 */

export type NameVerdict =
  /** named as a credential: any real literal value is one */
  | { readonly strength: "strong"; readonly noun: string }
  /** named as some key (`LICENSE_KEY`, `CACHE_KEY`): only a random-looking value is a credential */
  | { readonly strength: "weak"; readonly noun: string };

/** Words after the noun that do not change what the value is. */
const DECORATIONS = new Set([
  "value",
  "b64",
  "base64",
  "encoded",
  "raw",
  "plain",
  "plaintext",
  "string",
  "str",
  "hex",
  "content",
  "contents",
  "material",
  "pem",
  "prod",
  "production",
  "dev",
  "development",
  "staging",
  "stage",
  "primary",
  "secondary",
  "old",
  "new",
  "current",
  "next",
  "previous",
  "prev",
  "base", // Rails' SECRET_KEY_BASE
]);

/** Nouns that name a credential, as whole words or at the end of a run-together word (`DBPASSWORD`). */
const CREDENTIAL_NOUNS: readonly [string, string][] = [
  ["password", "password"],
  ["passwd", "password"],
  ["passphrase", "passphrase"],
  ["secret", "secret"],
  ["secrets", "secret"],
  ["token", "token"],
  ["apikey", "API key"],
  ["privatekey", "private key"],
  ["secretkey", "secret key"],
  ["accesskey", "access key"],
  ["credential", "credential"],
  ["credentials", "credential"],
];

/** Nouns only recognised as whole words: as suffixes they are too common (`bypass`, `compass`). */
const SHORT_NOUNS: ReadonlyMap<string, string> = new Map([
  ["pass", "password"],
  ["pwd", "password"],
  ["creds", "credential"],
]);

/** `X_KEY` is a credential when X says what kind: an API key, a signing key, a private key. */
const CREDENTIAL_KEY_KINDS = new Set([
  "api",
  "access",
  "secret",
  "private",
  "signing",
  "encryption",
  "master",
  "hmac",
  "jwt",
  "auth",
  "session",
  "client",
  "webhook",
  "shared",
  "ssh",
  "cookie",
  "csrf",
]);

// Maps, not object literals: a variable named CONSTRUCTOR must not find Object.prototype.constructor
const ACRONYMS: ReadonlyMap<string, string> = new Map([
  ["api", "API"],
  ["jwt", "JWT"],
  ["hmac", "HMAC"],
  ["ssh", "SSH"],
  ["csrf", "CSRF"],
]);

/**
 * The shell's working directories, not passwords; etcd's initial cluster token, which only keeps
 * clusters apart (etcd documents it as no credential).
 */
const NOT_CREDENTIALS = new Set(["PWD", "OLDPWD", "ETCD_INITIAL_CLUSTER_TOKEN", "INITIAL_CLUSTER_TOKEN"]);

export function classifyName(name: string): NameVerdict | undefined {
  if (NOT_CREDENTIALS.has(name.toUpperCase())) return undefined;
  const words = splitWords(name);
  while (words.length > 1 && isDecoration(words[words.length - 1] as string)) words.pop();
  const noun = words[words.length - 1];
  if (noun === undefined) return undefined;
  const short = SHORT_NOUNS.get(noun);
  if (short !== undefined) return { strength: "strong", noun: short };
  const credential = CREDENTIAL_NOUNS.find(([word]) => noun === word || noun.endsWith(word));
  if (credential) return { strength: "strong", noun: credential[1] };
  if (noun === "key" || noun.endsWith("key")) {
    const kind = noun === "key" ? words[words.length - 2] : undefined;
    return kind !== undefined && CREDENTIAL_KEY_KINDS.has(kind)
      ? { strength: "strong", noun: `${ACRONYMS.get(kind) ?? kind} key` }
      : { strength: "weak", noun: "key" };
  }
  return undefined;
}

/** `dbPassword`, `DB_PASSWORD`, `db-password.b64` → ["db", "password", "b64"]. */
function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

function isDecoration(word: string): boolean {
  return DECORATIONS.has(word) || /^\d+$/.test(word) || /^v\d+$/.test(word);
}

/**
 * Whether a variable's value may be a credential, for masking rather than for warning: any word of
 * the name counts, not only the last (`SECRET_PATH`, `AWS_ACCESS_KEY_ID`), because masking a value
 * that was not a credential only costs a write-back, while missing one would put it in a pull request.
 */
export function mayHoldCredential(name: string): boolean {
  if (NOT_CREDENTIALS.has(name.toUpperCase())) return false;
  if (classifyName(name) !== undefined) return true;
  const words = splitWords(name);
  return words.some(
    (word, index) =>
      SHORT_NOUNS.has(word) ||
      CREDENTIAL_NOUNS.some(([noun]) => word === noun || word.endsWith(noun)) ||
      (word === "key" && CREDENTIAL_KEY_KINDS.has(words[index - 1] ?? "")) ||
      (word === "dsn" && index === words.length - 1),
  );
}

/** "a password", "an API key", "an SSH key". */
export function withArticle(noun: string): string {
  return /^([aeio]|API|HMAC|SSH)/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
