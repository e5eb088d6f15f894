/**
 * Argo CD's gitops-engine diff fixtures: every case whose semantics Plumbline shares must agree
 * with upstream's expectModified; the others are in gitops-engine-not-applicable.json with the
 * reason and what Plumbline reports instead, which is asserted too.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import { type DriftIgnoreEntry, readDriftConfig } from "../../src/drift/config.js";
import type { DriftResult } from "../../src/drift/types.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { peerCorpora } from "../support/shared.js";
import { describeWith } from "../support/shared-tests.js";
import { gitFrom, liveFrom, readObject } from "./helpers.js";

interface Case {
  readonly name: string;
  readonly desired: string;
  readonly live: string;
  readonly options: Record<string, unknown>;
  readonly expectModified: boolean | null;
}

const ROOT = peerCorpora.file("gitops-engine-diff");
const cases = peerCorpora.present
  ? (JSON.parse(readFileSync(path.join(ROOT, "LABELS.json"), "utf8")) as { cases: Case[] }).cases
  : [];
const reviewed = JSON.parse(readFileSync(new URL("./gitops-engine-not-applicable.json", import.meta.url), "utf8")) as {
  cases: Record<string, { reason: string; plumbline: { modified: boolean; pendingSync: number } }>;
};

/** The in-code edits upstream's tests make before diffing (LABELS.json describes them in prose). */
const MUTATIONS: Record<string, { desired?: (o: KubeObject) => void; live?: (o: KubeObject) => void }> = {
  "statefulset-elasticsearch-3way-label-changes": {
    desired: (o) => {
      const labels = (o.metadata as { labels: Record<string, string> }).labels;
      labels.foo = "bar";
      labels.chart = "elasticsearch-1.7.1";
      delete labels.release;
    },
  },
  "secret-redacted-data-different-lengths": {
    desired: (o) => Object.assign(o.data as object, { "wordpress-password": "++++++++", "smtp-password": "++++++++" }),
    live: (o) => Object.assign(o.data as object, { "wordpress-password": "++++++++++++", "smtp-password": "++++++++++++" }),
  },
};

/** Upstream's diff options as Plumbline configuration: Argo CD ignoreDifferences become drift.ignore entries. */
function ignoreEntries(options: Record<string, unknown>): DriftIgnoreEntry[] {
  const entries: DriftIgnoreEntry[] = [];
  for (const rule of (options.ignoreDifferences ?? []) as Record<string, string[]>[]) {
    entries.push({
      ...(rule.jsonPointers ? { pointers: rule.jsonPointers } : {}),
      ...(rule.jqPathExpressions ? { jqPathExpressions: rule.jqPathExpressions } : {}),
      ...(rule.managedFieldsManagers ? { managers: rule.managedFieldsManagers } : {}),
    });
  }
  if (options.ignoreJsonPointers) entries.push({ pointers: options.ignoreJsonPointers as string[] });
  if (options.trustedManagers) entries.push({ managers: options.trustedManagers as string[] });
  return entries;
}

function run(testCase: Case, extraIgnore: DriftIgnoreEntry[] = []): DriftResult {
  const git = gitFrom(readFileSync(path.join(ROOT, testCase.desired), "utf8"), testCase.desired);
  const live = readObject(path.join(ROOT, testCase.live));
  MUTATIONS[testCase.name]?.desired?.((git[0] as { object: KubeObject }).object);
  MUTATIONS[testCase.name]?.live?.(live);
  const namespace = (live.metadata as { namespace?: string }).namespace ?? "default";
  const config = readDriftConfig({ ignore: [...ignoreEntries(testCase.options), ...extraIgnore] });
  return detectDrift(git, liveFrom([live], [], namespace), { config });
}

const modified = (result: DriftResult) => result.drifts.some((drift) => drift.status === "modified");

describeWith(peerCorpora, "gitops-engine diff corpus", () => {
  const applicable = cases.filter((c) => c.expectModified !== null && !(c.name in reviewed.cases));

  it("has a reason for every case it does not hold to upstream's verdict, and no stale entries", () => {
    const names = new Set(cases.map((c) => c.name));
    for (const name of Object.keys(reviewed.cases)) expect(names, name).toContain(name);
    expect(applicable.length).toBeGreaterThanOrEqual(20);
  });

  it.each(applicable.map((c) => [c.name, c] as const))("%s agrees with upstream", (_name, testCase) => {
    expect(modified(run(testCase))).toBe(testCase.expectModified);
  });

  it.each(Object.entries(reviewed.cases))("%s: Plumbline's own verdict", (name, entry) => {
    const testCase = cases.find((c) => c.name === name) as Case;
    const result = run(testCase);
    expect(modified(result)).toBe(entry.plumbline.modified);
    expect(result.summary.pendingSync).toBe(entry.plumbline.pendingSync);
  });

  it("trusted managers silence the fields they own (managedfields-normalize-two-trusted-managers)", () => {
    const testCase = cases.find((c) => c.name === "managedfields-normalize-two-trusted-managers") as Case;
    const paths = (result: DriftResult) => result.drifts.flatMap((d) => d.changes.map((c) => c.path));
    expect(paths(run(testCase))).toEqual([]);
    // without the trust, revision-history-manager's value is drift a controller made; replicas never are (HPA)
    const untrusted = run({ ...testCase, options: {} });
    expect(paths(untrusted)).toEqual(["/spec/revisionHistoryLimit"]);
    expect(untrusted.drifts[0]?.changes[0]?.owner).toMatchObject({ manager: "revision-history-manager", actor: "controller" });
  });

  it("a caBundle injected into a keyed webhook list is attributed, and silenced when trusted (managedfields-normalize-cabundle-in-list)", () => {
    const testCase = cases.find((c) => c.name === "managedfields-normalize-cabundle-in-list") as Case;
    expect(modified(run(testCase))).toBe(false);
    const change = run({ ...testCase, options: {} }).drifts[0]?.changes[0];
    expect(change?.path).toBe("/webhooks/0/clientConfig/caBundle");
    expect(change?.owner).toMatchObject({ manager: "external-secrets", actor: "controller" });
    expect(change?.noWrite).toMatch(/ignore rule/);
    expect(change?.suggestIgnore).toMatchObject({ pointer: "/webhooks/0/clientConfig/caBundle", manager: "external-secrets" });
  });

  it("an out-of-band container added with kubectl apply is drift, attributed to kubectl (which SSA-based diffs miss)", () => {
    const testCase = cases.find((c) => c.name === "ssd-deployment-manual-kubectl-apply-extra-container") as Case;
    const changes = run(testCase).drifts[0]?.changes ?? [];
    const idle = changes.find((c) => c.display.endsWith("containers[idle]"));
    expect(idle?.git).toBeUndefined();
    expect(idle?.live).toMatchObject({ name: "idle", image: "spurin/idle:latest" });
    expect(idle?.owner).toMatchObject({ manager: "kubectl-client-side-apply", actor: "imperative" });
    // what kubectl set, without the API server's defaults
    expect(JSON.stringify(idle?.live)).not.toContain("terminationMessagePath");
  });

  it("masked Secret values still differ, and never show", () => {
    const testCase = cases.find((c) => c.name === "secret-redacted-data-different-lengths") as Case;
    const output = JSON.stringify(run(testCase));
    expect(output).toContain("hmac:");
    expect(output).not.toContain("++++");
  });
});
