import { ALL_RULES } from "../../src/rules/registry.js";
import type { PeerChecks } from "../../src/rules/types.js";
import type { PeerName } from "./corpus.js";

/** The peers a rule names in its `peers` field; pluto and kube-no-trouble are API-version tools only. */
export type LinterPeer = Extract<PeerName, "kube-linter" | "kube-score" | "polaris">;

const PEER_FIELD: Record<LinterPeer, keyof PeerChecks> = {
  "kube-linter": "kubeLinter",
  "kube-score": "kubeScore",
  polaris: "polaris",
};

/**
 * Plumbline rules that declare the peer check as meaning the same thing. The rules' own `peers` fields
 * are the single source of truth: there is no second table here to drift from them.
 */
export function rulesForCheck(peer: LinterPeer, check: string): string[] {
  const field = PEER_FIELD[peer];
  return ALL_RULES.filter((rule) => rule.peers?.[field]?.includes(check)).map((rule) => rule.id);
}

/** The check ids of a label (`kube-linter:a,b` → `a`, `b`); the peer prefix is dropped. */
export function labelChecks(peer: PeerName, check: string): string[] {
  const bare = check.startsWith(`${peer}:`) ? check.slice(peer.length + 1) : check;
  return bare.split(",").map((id) => id.trim());
}

/** Every peer check some registered rule names, with those rules: printed so readers see the mapping used. */
export function peerMapping(peer: LinterPeer): Map<string, string[]> {
  const mapping = new Map<string, string[]>();
  for (const rule of ALL_RULES) {
    for (const check of rule.peers?.[PEER_FIELD[peer]] ?? []) mapping.set(check, [...(mapping.get(check) ?? []), rule.id]);
  }
  return mapping;
}

/** The rules pluto's and kube-no-trouble's findings correspond to (they name no peers of their own). */
export const API_REMOVED = "api-removed";
export const API_DEPRECATED = "api-deprecated";

export function isRegistered(ruleId: string): boolean {
  return ALL_RULES.some((rule) => rule.id === ruleId);
}
