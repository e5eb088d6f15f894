import { existsSync } from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
import { LiveSourceError } from "./errors.js";
import type { LiveSource } from "./types.js";

type ClusterSource = Extract<LiveSource, { type: "cluster" }>;

export interface LoadedKubeConfig {
  readonly config: KubeConfig;
  readonly context: string;
  /** the API server URL, without any user-info */
  readonly server: string;
  /** the context's namespace, when it sets one */
  readonly namespace?: string;
}

const SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
/** What client-node's loadFromDefault falls back to when it finds nothing: never what the user meant. */
const FALLBACK_SERVER = "http://localhost:8080";

/** Loads credentials the way kubectl would, and turns every way it can fail into one clear line. */
export function loadKubeConfig(source: ClusterSource): LoadedKubeConfig {
  const config = new KubeConfig();
  if (source.inCluster) {
    if (!process.env.KUBERNETES_SERVICE_HOST || !existsSync(SERVICE_ACCOUNT_TOKEN)) {
      throw new LiveSourceError(
        "kubeconfig",
        `in-cluster credentials not found: KUBERNETES_SERVICE_HOST is unset or ${SERVICE_ACCOUNT_TOKEN} is missing (is this running in a pod?)`,
      );
    }
    config.loadFromCluster();
  } else if (source.kubeconfig !== undefined) {
    readFile(config, source.kubeconfig);
  } else {
    readDefault(config);
  }

  if (source.context !== undefined && !source.inCluster) {
    if (config.getContextObject(source.context) === null) {
      const known = config.getContexts().map((context) => context.name);
      throw new LiveSourceError(
        "kubeconfig",
        `context "${source.context}" not found in the kubeconfig (${known.length > 0 ? `it has: ${known.join(", ")}` : "it has no contexts"})`,
      );
    }
    config.setCurrentContext(source.context);
  }

  const context = config.getCurrentContext();
  const contextObject = context ? config.getContextObject(context) : null;
  if (!contextObject) {
    throw new LiveSourceError(
      "kubeconfig",
      context
        ? `current context "${context}" is not defined in the kubeconfig`
        : "the kubeconfig sets no current context: pass a context",
    );
  }
  const cluster = config.getCurrentCluster();
  if (!cluster?.server) {
    throw new LiveSourceError(
      "kubeconfig",
      `context "${context}" names cluster "${contextObject.cluster}", which the kubeconfig does not define`,
    );
  }
  if (cluster.server.startsWith("http:") && !cluster.skipTLSVerify) {
    throw new LiveSourceError(
      "kubeconfig",
      `cluster "${cluster.name}" uses plain http without insecure-skip-tls-verify: refusing to send credentials`,
    );
  }
  const namespace = contextObject.namespace?.trim();
  return { config, context, server: withoutUserInfo(cluster.server), ...(namespace ? { namespace } : {}) };
}

function readFile(config: KubeConfig, file: string): void {
  try {
    config.loadFromFile(file);
  } catch (error) {
    throw new LiveSourceError("kubeconfig", `cannot read kubeconfig ${file}: ${loadFailure(error)}`);
  }
}

function readDefault(config: KubeConfig): void {
  const where = process.env.KUBECONFIG ? `KUBECONFIG (${process.env.KUBECONFIG})` : "~/.kube/config";
  try {
    config.loadFromDefault();
  } catch (error) {
    throw new LiveSourceError("kubeconfig", `cannot read kubeconfig from ${where}: ${loadFailure(error)}`);
  }
  const cluster = config.getCurrentCluster();
  if (config.getCurrentContext() === "loaded-context" && cluster?.server === FALLBACK_SERVER) {
    throw new LiveSourceError("kubeconfig", "no kubeconfig found: set KUBECONFIG, pass a kubeconfig path, or run in a cluster");
  }
}

/** A YAML error from the parser quotes the file, and a kubeconfig holds credentials: keep only the position. */
function loadFailure(error: unknown): string {
  const failure = error as { code?: string; name?: string; mark?: { line?: number }; message?: string };
  if (failure.code === "ENOENT") return "no such file";
  if (failure.code === "EACCES") return "permission denied";
  if (failure.code === "EISDIR") return "is a directory";
  if (failure.name === "YAMLException") {
    return typeof failure.mark?.line === "number" ? `not valid YAML (line ${failure.mark.line + 1})` : "not valid YAML";
  }
  // client-node's own validation messages name fields (`clusters[0].server is missing`), never values
  return typeof failure.message === "string" ? (failure.message.split("\n")[0] ?? "unreadable") : "unreadable";
}

function withoutUserInfo(server: string): string {
  try {
    const url = new URL(server);
    if (url.username === "" && url.password === "") return server.replace(/\/+$/, "");
    url.username = "";
    url.password = "";
    return url.toString().replace(/\/+$/, "");
  } catch {
    return server;
  }
}
