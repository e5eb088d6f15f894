/**
 * Whether a literal string is a real value at all, or something standing in for one: a reference, a
 * template, a placeholder, a path, a flag. Secret rules only speak about the real ones.
 */

const REFERENCE_OR_TEMPLATE = [
  /\$\([A-Za-z_][A-Za-z0-9_]*\)/, // $(VAR): Kubernetes expands it from another env var
  /\$\{[^}]*\}/, // ${VAR}: envsubst, Flux post-build, Helm-style substitution
  /\{\{[^}]*\}\}/, // {{ .Values.x }}: a template not rendered yet
  /^ENC\[[A-Z0-9_]+,data:/, // a SOPS-encrypted value
  /^(vault|ref\+[a-z0-9]+|awssm|awsssm|ssm|gcpsm|azkv|akv|op|doppler|infisical|bws?):/i, // secret-manager references
  /^arn:aws[a-z-]*:(secretsmanager|ssm):/,
  /^projects\/[^/\s]+\/secrets\//, // Google Secret Manager
];

const PLACEHOLDER = [
  /^<[^<>]*>$/, // <your-token>
  /^change[-_ ]?(me|it|this)/i,
  /^(replace|set|fill|insert|update)[-_ ]?(me|this|it)\b/i,
  /^(your|my)[-_ ].*(here|key|token|secret|password)$/i,
  /^(Your|My)[A-Z][A-Za-z]*(Here|Key|Token|Secret|Password)$/, // YourPingdomApiToken, written in camel case
  /^(todo|tbd|fixme|placeholder|dummy|example|sample|none|null|nil|undefined|redacted|unset|empty|n\/a)$/i,
  /^(secret|password|passwd|pass|pwd|token|key|apikey|api[-_]key)$/i, // the field's own name as its value
  /^[x*#._-]+$/i, // xxx, ****, ...
];

const FLAG = /^(true|false|yes|no|on|off|y|n|enabled?|disabled?)$/i;

/** A file path or file URL: where the secret lives, not the secret. */
const PATH = /^(\/|\.{1,2}\/|~\/|file:\/\/)\S*$/;

/** Short numbers are settings (lengths, counts, ports), not credentials. */
const SMALL_NUMBER = /^\d{1,5}$/;

/** True when the text is a literal value someone could use, rather than a stand-in for one. */
export function isRealValue(text: string): boolean {
  const value = text.trim();
  if (value === "") return false;
  if (REFERENCE_OR_TEMPLATE.some((pattern) => pattern.test(value))) return false;
  if (PLACEHOLDER.some((pattern) => pattern.test(value))) return false;
  return !FLAG.test(value) && !PATH.test(value) && !SMALL_NUMBER.test(value);
}

/**
 * A name of a Kubernetes object (`db-credentials`, `app-secret`) in a variable named like a secret:
 * the variable tells the app which Secret to read, it is not the secret.
 */
export function isSecretObjectName(text: string): boolean {
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(text) && /secret|cred|token|key|passw|auth/.test(text);
}

/** Bits of entropy per character: random keys score high, words and sentences low. */
export function entropyPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Long, unbroken, mixing letters and digits, and unpredictable: the shape of a generated key. */
export function looksRandom(text: string): boolean {
  const value = text.trim();
  return value.length >= 16 && !/\s/.test(value) && /[A-Za-z]/.test(value) && /\d/.test(value) && entropyPerChar(value) >= 3.5;
}
