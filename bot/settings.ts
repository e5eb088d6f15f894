/**
 * Everything the bot reads from its environment, read once at start-up into plain data. Nothing
 * else in bot/ looks at process.env, so tests build settings directly.
 */

import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { type ClusterGrant, GrantsError, parseGrants } from "./grants/grants.js";

export interface BotSettings {
  readonly appId: string;
  /** PEM text of the App's private key */
  readonly privateKey: string;
  readonly webhookSecret: string;
  /** `https://api.github.com`, a GitHub Enterprise API URL, or the mock in tests */
  readonly githubApiUrl?: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** kubeconfig holding the contexts repositories name; KUBECONFIG or ~/.kube/config when absent */
  readonly kubeconfig?: string;
  /** which repositories may read which context, and which namespaces there: nothing when empty */
  readonly grants: readonly ClusterGrant[];
  /** where scheduled checks take their Leases; no Leases (single replica) when absent */
  readonly leaseNamespace?: string;
  /** this replica's name in a Lease's holderIdentity */
  readonly identity: string;
  /** how long SIGTERM waits for runs in flight before giving up */
  readonly shutdownGraceMs: number;
  /** time-out of one request to a cluster */
  readonly clusterTimeoutMs: number;
}

export class SettingsError extends Error {
  override name = "SettingsError";
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export function readSettings(env: Env): BotSettings {
  const appId = required(env, "APP_ID");
  const logLevel = env.LOG_LEVEL ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new SettingsError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${logLevel}"`);
  }
  return {
    appId,
    privateKey: privateKey(env),
    webhookSecret: required(env, "WEBHOOK_SECRET"),
    ...(env.GITHUB_API_URL ? { githubApiUrl: env.GITHUB_API_URL.replace(/\/+$/, "") } : {}),
    port: wholeNumber(env, "PORT", 3000),
    host: env.HOST ?? "0.0.0.0",
    logLevel: logLevel as BotSettings["logLevel"],
    ...(env.KUBECONFIG ? { kubeconfig: env.KUBECONFIG } : {}),
    grants: grants(env),
    ...(env.PLUMBLINE_LEASE_NAMESPACE ? { leaseNamespace: env.PLUMBLINE_LEASE_NAMESPACE } : {}),
    identity: env.POD_NAME ?? hostname(),
    shutdownGraceMs: wholeNumber(env, "PLUMBLINE_SHUTDOWN_GRACE_SECONDS", 90) * 1000,
    clusterTimeoutMs: wholeNumber(env, "PLUMBLINE_CLUSTER_TIMEOUT_SECONDS", 30) * 1000,
  };
}

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new SettingsError(`${name} is not set`);
  return value;
}

/** PRIVATE_KEY (PEM, or PEM in base64 for one-line secrets) or PRIVATE_KEY_PATH, as Probot reads them. */
function privateKey(env: Env): string {
  if (env.PRIVATE_KEY?.trim()) {
    const value = env.PRIVATE_KEY.trim();
    return value.includes("-----BEGIN") ? value.replaceAll("\\n", "\n") : Buffer.from(value, "base64").toString("utf8");
  }
  if (env.PRIVATE_KEY_PATH) {
    try {
      return readFileSync(env.PRIVATE_KEY_PATH, "utf8");
    } catch (error) {
      throw new SettingsError(`cannot read PRIVATE_KEY_PATH (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
    }
  }
  throw new SettingsError("PRIVATE_KEY or PRIVATE_KEY_PATH is not set");
}

function grants(env: Env): ClusterGrant[] {
  try {
    return parseGrants(env.PLUMBLINE_CLUSTER_GRANTS);
  } catch (error) {
    if (error instanceof GrantsError) throw new SettingsError(error.message);
    throw error;
  }
}

function wholeNumber(env: Env, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  if (!/^\d+$/.test(text)) throw new SettingsError(`${name} must be a whole number, not "${text}"`);
  return Number(text);
}
