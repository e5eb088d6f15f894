import { describe, expect, it } from "vitest";
import type { CorpusObject, Label } from "./corpus.js";
import { covers } from "./deliberate.js";
import { expectationsFor } from "./judges/kube-linter.js";
import { removalVersion } from "./judges/kube-no-trouble.js";
import { settingsFor } from "./judges/kube-score.js";
import { targetVersion } from "./judges/pluto.js";

const object = (doc_index: number, kind: string, name: string): CorpusObject => ({
  doc_index,
  start_line: doc_index * 10 + 1,
  apiVersion: "apps/v1",
  kind,
  name,
});

const label = (fields: Record<string, unknown>): Label => ({ file: "f.yml", check: "kube-linter:x", expect: "fail", ...fields });

/** `Deployment/app:Y` per object expectation, `group(n,max)` for a shared one. */
function summary(expectations: ReturnType<typeof expectationsFor>): string[] {
  return expectations.map((e) =>
    e.kind === "object"
      ? `${e.object.kind}/${e.object.name}:${e.reported ? "Y" : "n"}`
      : `group(${e.objects.length},${e.atMost})`,
  );
}

describe("kube-linter expectations per object", () => {
  it("follows the dont-fire convention and gives each remaining object its kind's report", () => {
    const objects = [object(0, "Deployment", "dont-fire"), object(1, "Deployment", "app"), object(2, "Service", "svc")];
    const reports = [{ index: 0, kind: "Deployment" }];
    expect(summary(expectationsFor(label({ expected_report_count: 1, expected_reports: reports }), objects))).toEqual([
      "Deployment/dont-fire:n",
      "Deployment/app:Y",
      "Service/svc:n",
    ]);
  });

  it("shares fewer reports than look-alike objects as a group", () => {
    const objects = [object(0, "NetworkPolicy", "app"), object(1, "NetworkPolicy", "app")];
    const reports = [{ index: 0, kind: "NetworkPolicy" }];
    expect(summary(expectationsFor(label({ expected_report_count: 1, expected_reports: reports }), objects))).toEqual([
      "group(2,1)",
    ]);
  });

  it("leaves kinds undecided when some counted reports are not listed", () => {
    const objects = [object(0, "Deployment", "a"), object(1, "Service", "b")];
    const reports = [{ index: 0, kind: "Deployment" }];
    expect(summary(expectationsFor(label({ expected_report_count: 3, expected_reports: reports }), objects))).toEqual([
      "Deployment/a:Y",
    ]);
  });

  it("matches reports that name their object, and expects nothing of a passing file", () => {
    const objects = [object(0, "Job", "bad-job"), object(1, "Job", "good-job")];
    const reports = [{ index: 0, kind: "Job", name: "bad-job" }];
    expect(summary(expectationsFor(label({ expected_report_count: 1, expected_reports: reports }), objects))).toEqual([
      "Job/bad-job:Y",
      "Job/good-job:n",
    ]);
    expect(summary(expectationsFor(label({ expect: "pass" }), objects))).toEqual(["Job/bad-job:n", "Job/good-job:n"]);
  });
});

describe("peer settings", () => {
  it("reads kube-score's version and its requirement switches", () => {
    expect(settingsFor(label({ run_config: { KubernetesVersion: "1.21" } }))).toEqual({
      kubernetesVersion: "1.21",
      disabled: [],
    });
    expect(settingsFor(label({ run_config: { IgnoreContainerMemoryLimitRequirement: true } }))).toEqual({
      kubernetesVersion: "1.18",
      disabled: ["memory-limit-missing"],
    });
  });

  it("reads pluto's target from the label, its command line, or pluto's default", () => {
    const labelSet = { conventions: {}, labels: [], versions_yaml_summary: { default_target_versions: { k8s: "v1.25.0" } } };
    expect(targetVersion(label({ target_versions: { k8s: "v1.16.0" } }), labelSet)).toBe("1.16");
    expect(targetVersion(label({ invocation: "pluto detect-files -d x --target-versions k8s=v1.8.0" }), labelSet)).toBe("1.8");
    expect(targetVersion(label({}), labelSet)).toBe("1.25");
  });

  it("reads kube-no-trouble's removal release from the rule set", () => {
    expect(removalVersion(label({ check: "kube-no-trouble:deprecated-1-22", ruleset: "Deprecated APIs removed in 1.22" }))).toBe(
      "1.22",
    );
    expect(removalVersion(label({ check: "kube-no-trouble:deprecated-1-29" }))).toBe("1.29");
    expect(removalVersion(label({ check: "kube-no-trouble:deprecated-future" }))).toBeUndefined();
  });
});

describe("accepted differences", () => {
  const at = {
    peer: "kube-linter" as const,
    file: "f.yml",
    check: "kube-linter:x",
    variant: "",
    case: { objectKey: "Deployment/app", expected: "reported", ours: "not reported", agree: false },
  };

  it("match by label, and by object only when they name one", () => {
    const base = {
      peer: "kube-linter" as const,
      file: "f.yml",
      check: "kube-linter:x",
      verdict: "deliberate" as const,
      reason: "r",
    };
    expect(covers(base, at)).toBe(true);
    expect(covers({ ...base, object: "Deployment/app" }, at)).toBe(true);
    expect(covers({ ...base, object: "Deployment/other" }, at)).toBe(false);
    expect(covers({ ...base, variant: "KubernetesVersion=1.18" }, at)).toBe(false);
  });
});
