/**
 * Credentials recognisable by their shape alone, whatever the variable is called. Each pattern is a
 * format its issuer documents (fixed prefix, fixed alphabet, fixed length), so a match is not a guess.
 */
import { isRealValue } from "./literal-value.js";

interface CredentialFormat {
  /** how a message names it: "looks like <what>" */
  readonly what: string;
  readonly pattern: RegExp;
}

const FORMATS: readonly CredentialFormat[] = [
  { what: "an AWS access key", pattern: /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/ },
  { what: "a GitHub token", pattern: /^gh[pousr]_[A-Za-z0-9]{36,255}$/ },
  { what: "a GitHub token", pattern: /^github_pat_[A-Za-z0-9_]{50,255}$/ },
  { what: "a GitLab token", pattern: /^glpat-[A-Za-z0-9_-]{20,}$/ },
  { what: "a Slack token", pattern: /^xox[abposr]-[A-Za-z0-9-]{10,}$/ },
  { what: "a Slack webhook URL", pattern: /^https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}$/ },
  { what: "a live Stripe key", pattern: /^(sk|rk)_live_[A-Za-z0-9]{20,}$/ },
  { what: "a Google API key", pattern: /^AIza[0-9A-Za-z_-]{35}$/ },
  { what: "an npm token", pattern: /^npm_[A-Za-z0-9]{36}$/ },
  { what: "a SendGrid API key", pattern: /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/ },
  { what: "an OpenAI API key", pattern: /^sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{40,}$/ },
  { what: "a JSON Web Token", pattern: /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}$/ },
];

/** PEM armour of any private key (RSA, EC, OPENSSH, PGP ... BLOCK), however many dashes were kept. */
const PRIVATE_KEY = /-{3,}\s*BEGIN\s+([A-Z0-9]+\s+)*PRIVATE\s+KEY(\s+BLOCK)?\s*-{3,}/;

/** scheme://user:password@host — the password part, for connection strings. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:([^\s/@]+)@/i;

/** AWS documents its sample keys with EXAMPLE in them; they unlock nothing. */
const DOCUMENTED_EXAMPLE = /EXAMPLE/;

/**
 * What the value is, when it is a credential recognisable on its own ("looks like a GitHub token");
 * undefined otherwise. The caller must never repeat the value itself.
 */
export function recognizeCredential(text: string): string | undefined {
  const value = text.trim();
  if (PRIVATE_KEY.test(value)) return "holds a private key";
  const password = URL_PASSWORD.exec(value)?.[1];
  if (password !== undefined && isRealValue(decodeURIComponentSafe(password))) return "holds a URL with an embedded password";
  if (DOCUMENTED_EXAMPLE.test(value)) return undefined;
  const format = FORMATS.find((candidate) => candidate.pattern.test(value));
  return format ? `looks like ${format.what}` : undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
