import path from "node:path";
import { formatVersion, parseKubeVersion } from "../../../src/k8s/versions.js";
import type { Label } from "../corpus.js";
import { findingsOf, type Judge, NO_PEER_RULE, reportedCase, unmapped } from "../judgement.js";
import { labelChecks, rulesForCheck } from "../peer-map.js";
import type { RunSettings } from "../plumbline-run.js";

/** testExpectedScore's version when a label's run config does not set one (LABELS.json default_run_config). */
const KUBE_SCORE_DEFAULT_VERSION = "1.18";

/**
 * kube-score grades → reported or not. WARNING counts as reported: kube-score prints it as a problem to
 * fix, just a less severe one, and Plumbline's findings carry their own severity. A skipped check
 * reported nothing. Outcomes without a grade ("not-skipped", "ran …", comments) assert nothing we can match.
 */
const OUTCOMES: Readonly<Record<string, boolean>> = { fail: true, warn: true, pass: false, skipped: false };

/**
 * kube-score switches that have a Plumbline equivalent: turning a requirement off in kube-score is
 * switching the rule for it off in Plumbline. Rules not registered are simply not there to switch off.
 */
const RUN_CONFIG_SWITCHES: Readonly<Record<string, readonly string[]>> = {
  IgnoreContainerCpuLimitRequirement: ["cpu-limit-missing"],
  IgnoreContainerMemoryLimitRequirement: ["memory-limit-missing"],
};

/**
 * Judged per file: kube-score asserts the grade of the one object in the fixture that runs the check;
 * the other objects are context (the Service a Deployment is matched against), which our rules for the
 * same concept do not fire on either.
 */
export const judgeKubeScore: Judge = async (label, { corpus, runner }) => {
  const [check = ""] = labelChecks("kube-score", label.check);
  const rules = rulesForCheck("kube-score", check);
  if (rules.length === 0) return unmapped(NO_PEER_RULE);
  const expectReported = OUTCOMES[label.expect];
  if (expectReported === undefined) return unmapped(`outcome "${label.expect}" asserts no grade`);

  const run = await runner.run(path.join(corpus.dir, label.file), settingsFor(label));
  return { mapped: true, rules, cases: [reportedCase(expectReported, findingsOf(run, rules))] };
};

export function settingsFor(label: Label): RunSettings {
  const runConfig = (label.run_config as Record<string, unknown> | undefined) ?? {};
  const version = parseKubeVersion(String(runConfig.KubernetesVersion ?? KUBE_SCORE_DEFAULT_VERSION));
  const disabled = Object.entries(RUN_CONFIG_SWITCHES).flatMap(([option, ids]) => (runConfig[option] === true ? ids : []));
  const ignored = ((label.checks_config as { IgnoredTests?: string[] } | undefined)?.IgnoredTests ?? []).flatMap((check) =>
    rulesForCheck("kube-score", check),
  );
  return {
    kubernetesVersion: version ? formatVersion(version) : KUBE_SCORE_DEFAULT_VERSION,
    disabled: [...disabled, ...ignored],
  };
}

/** How a label's settings read in reports, so labels on one file under different settings stay apart. */
export function kubeScoreVariant(label: Label): string {
  const parts = Object.entries({
    ...((label.run_config as object | undefined) ?? {}),
    ...((label.checks_config as object | undefined) ?? {}),
  }).map(([key, value]) => `${key}=${Array.isArray(value) ? `[${value.join(",")}]` : String(value)}`);
  return parts.join(" ");
}
