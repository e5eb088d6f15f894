import type { LiveErrorCode } from "./types.js";

/**
 * The one error the live-state reader throws or records. Its message is one line meant for a
 * person; it never carries a response body (a Secret list could be in one) or a credential.
 */
export class LiveSourceError extends Error {
  override name = "LiveSourceError";
  readonly code: LiveErrorCode;
  /** HTTP status, when the server answered */
  readonly status?: number;
  /** whether trying again may help (connection reset, 5xx, 429); used by the retry loop */
  readonly transient: boolean;

  constructor(code: LiveErrorCode, message: string, details: { status?: number; transient?: boolean } = {}) {
    super(message);
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    this.transient = details.transient ?? false;
  }
}

/** Errors about the connection or the credentials: no later request can do better, so reading stops. */
const FATAL_CODES: ReadonlySet<LiveErrorCode> = new Set(["kubeconfig", "unreachable", "tls", "unauthorized", "aborted"]);

export function isFatal(error: LiveSourceError): boolean {
  return FATAL_CODES.has(error.code);
}

/** What a request was for, so a refusal can name the RBAC rule that would allow it. */
export interface RequestPurpose {
  readonly verb: "get" | "list";
  /** `deployments`; absent for discovery paths (non-resource URLs) */
  readonly resource?: string;
  /** API group, `` for core */
  readonly group?: string;
  readonly namespace?: string;
}

/**
 * `forbidden: cannot list deployments.apps in namespace "shop" (grant "list" on "deployments" in API group "apps")`
 */
export function forbiddenMessage(purpose: RequestPurpose, path: string): string {
  if (purpose.resource === undefined) {
    return `forbidden: cannot ${purpose.verb} ${path} (grant "${purpose.verb}" on the non-resource URL "${path}")`;
  }
  const group = purpose.group ?? "";
  const qualified = group === "" ? purpose.resource : `${purpose.resource}.${group}`;
  const where = purpose.namespace === undefined ? "at cluster scope" : `in namespace "${purpose.namespace}"`;
  const inGroup = group === "" ? `in the core API group ""` : `in API group "${group}"`;
  const binding = purpose.namespace === undefined ? " with a ClusterRole and ClusterRoleBinding" : "";
  return `forbidden: cannot ${purpose.verb} ${qualified} ${where} (grant "${purpose.verb}" on "${purpose.resource}" ${inGroup}${binding})`;
}

export function describeError(error: unknown): LiveSourceError {
  if (error instanceof LiveSourceError) return error;
  return new LiveSourceError("bad-response", `unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
}
