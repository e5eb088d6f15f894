import type { CorpusObject } from "../corpus.js";
import { type Case, describeObject, findingsOf, findingsOn } from "../judgement.js";
import { API_DEPRECATED, API_REMOVED, isRegistered } from "../peer-map.js";
import type { FileRun, LocatedFinding } from "../plumbline-run.js";

/** What an API-version tool says about an object: pluto's exit-code levels, worst first. */
export type ApiStatus = "removed" | "deprecated" | "none";

export const API_RULES = [API_REMOVED, API_DEPRECATED] as const;

export function apiRulesRegistered(): boolean {
  return API_RULES.every(isRegistered);
}

export function apiStatus(findings: readonly LocatedFinding[]): ApiStatus {
  const rules = new Set(findings.map((located) => located.finding.rule));
  return rules.has(API_REMOVED) ? "removed" : rules.has(API_DEPRECATED) ? "deprecated" : "none";
}

export function fileStatus(run: FileRun): ApiStatus {
  return apiStatus(findingsOf(run, API_RULES));
}

export function objectStatus(run: FileRun, object: CorpusObject): ApiStatus {
  return apiStatus(findingsOn(run, API_RULES, object));
}

export function statusCase(expected: string, ours: ApiStatus, agree: boolean, object?: CorpusObject): Case {
  return {
    ...(object ? { object: describeObject(object), objectKey: `${object.kind}/${object.name}` } : {}),
    expected,
    ours,
    agree,
  };
}
