import { type Exchange, fixture } from "../../support/kube-api/index.js";

/**
 * The cluster the drift bot tests compare against: the recorded v1.31 discovery, and the `shop`
 * namespace's ConfigMaps and Secrets built here, so a test can change what is live between runs
 * (`api.use(...liveShop({ ... }))`: later recordings win).
 */

export interface ShopState {
  /** shop-settings' LOG_LEVEL; "info" is what Git says */
  readonly logLevel?: string;
  /** shop-settings' CURRENCY; "EUR" is what Git says */
  readonly currency?: string;
  /** shop-flags' ROLLOUT_PERCENT, set by a controller; "10" is what Git says */
  readonly rollout?: string;
  /** shop-db's password; Git's is GIT_PASSWORD */
  readonly password?: string;
}

export const GIT_PASSWORD = "git-password-Zq81";

const APPLIED = "2025-03-01T09:00:00Z";
const EDITED = "2025-03-04T16:20:00Z";

export function discovery(): Exchange[] {
  return ["cluster/version.json", "cluster/discovery/api-v1.json", "cluster/discovery/apis.json"].map((file) => fixture(file));
}

export function liveShop(state: ShopState = {}): Exchange[] {
  const logLevel = state.logLevel ?? "info";
  const currency = state.currency ?? "EUR";
  const rollout = state.rollout ?? "10";
  const password = state.password ?? GIT_PASSWORD;
  const settings = object("shop-settings", { data: { LOG_LEVEL: logLevel, CURRENCY: currency } }, [
    applied({
      "f:data": {
        ".": {},
        ...(logLevel === "info" ? { "f:LOG_LEVEL": {} } : {}),
        ...(currency === "EUR" ? { "f:CURRENCY": {} } : {}),
      },
    }),
    ...(logLevel !== "info" ? [edited("kubectl-edit", { "f:data": { "f:LOG_LEVEL": {} } })] : []),
    ...(currency !== "EUR" ? [edited("kubectl-patch", { "f:data": { "f:CURRENCY": {} } })] : []),
  ]);
  // a manager the bot does not know as a person's tool: a controller, whose changes get ignore rules
  const flags = object("shop-flags", { data: { ROLLOUT_PERCENT: rollout } }, [
    applied({ "f:data": { ".": {}, ...(rollout === "10" ? { "f:ROLLOUT_PERCENT": {} } : {}) } }),
    ...(rollout !== "10" ? [edited("flagger", { "f:data": { "f:ROLLOUT_PERCENT": {} } })] : []),
  ]);
  const secret = object("shop-db", { type: "Opaque", data: { password: Buffer.from(password).toString("base64") } }, [
    applied({ "f:data": { ".": {}, ...(password === GIT_PASSWORD ? { "f:password": {} } : {}) }, "f:type": {} }),
    ...(password !== GIT_PASSWORD ? [edited("kubectl-edit", { "f:data": { "f:password": {} } })] : []),
  ]);
  return [list("configmaps", "ConfigMapList", [settings, flags]), list("secrets", "SecretList", [secret])];
}

function list(resource: string, kind: string, items: unknown[]): Exchange {
  return {
    description: `${resource} in shop`,
    request: { method: "GET", path: `/api/v1/namespaces/shop/${resource}` },
    response: { status: 200, body: { kind, apiVersion: "v1", metadata: { resourceVersion: "52000" }, items } },
    source: `bot:${resource}`,
  };
}

/** List items carry no apiVersion or kind, as the API server sends them. */
function object(name: string, fields: Record<string, unknown>, managedFields: unknown[]): Record<string, unknown> {
  return {
    metadata: {
      name,
      namespace: "shop",
      uid: `uid-${name}`,
      resourceVersion: "51990",
      creationTimestamp: APPLIED,
      managedFields,
    },
    ...fields,
  };
}

function applied(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    manager: "kubectl-client-side-apply",
    operation: "Update",
    apiVersion: "v1",
    time: APPLIED,
    fieldsType: "FieldsV1",
    fieldsV1: fields,
  };
}

function edited(manager: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { manager, operation: "Update", apiVersion: "v1", time: EDITED, fieldsType: "FieldsV1", fieldsV1: fields };
}
