import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { applyPatchToYaml } from "../../src/edit/index.js";
import type { Finding } from "../../src/findings/finding.js";
import { valueAt } from "../../src/manifests/pointer.js";
import { type JsonReport, run, tempTree } from "../cli/helpers.js";
import { peerCorpora } from "../support/shared.js";
import { describeWith } from "../support/shared-tests.js";
import { CORPUS, hasCorpus, newFindings, readObjects } from "./helpers.js";

/**
 * Polaris's autofix pairs: a failing manifest and what Polaris's mutation makes of it. For each, a
 * copy of the failing file goes through `plumbline check --fix`, and the result is compared with
 * Polaris's, field by field, where Polaris changed something. Plumbline fixes only where the right
 * change is certain; for every concept below it does not fix, the reason is given, and the test holds
 * that Plumbline leaves those fields exactly as they were rather than doing something else to them.
 */
interface Concept {
  /** the Plumbline rule for the same concern, if there is one */
  readonly rule?: string;
  /** why Plumbline makes no automatic change there */
  readonly notFixed: string;
}

const CONCEPTS: Readonly<Record<string, Concept>> = {
  cpuLimitsMissing: {
    rule: "cpu-limit-set",
    notFixed: "Plumbline advises against CPU limits (they throttle a pod that has idle CPU next to it); it never adds one",
  },
  cpuRequestsMissing: {
    rule: "cpu-request-missing",
    notFixed: "the right request is the workload's measured need: no value is certain",
  },
  memoryRequestsMissing: { rule: "memory-request-missing", notFixed: "the right request is the workload's measured need" },
  memoryLimitsMissing: { rule: "memory-limit-missing", notFixed: "the right limit is the workload's measured peak" },
  livenessProbeMissing: {
    rule: "liveness-probe-missing",
    notFixed: "a probe must ask the application's own health check; a placeholder restarts healthy pods",
  },
  readinessProbeMissing: { rule: "readiness-probe-missing", notFixed: "a probe must ask the application's own readiness" },
  deploymentMissingReplicas: { rule: "replicas-too-few", notFixed: "the replica count is a capacity decision" },
  hostIPCSet: { rule: "host-namespace", notFixed: "dropping host access breaks the agents that need it (CNI, monitoring)" },
  hostNetworkSet: { rule: "host-namespace", notFixed: "dropping host access breaks the agents that need it (CNI, monitoring)" },
  hostPIDSet: { rule: "host-namespace", notFixed: "dropping host access breaks the agents that need it (CNI, monitoring)" },
  hostPortSet: { notFixed: "Plumbline has no host-port rule" },
  pullPolicyNotAlways: { notFixed: "Plumbline asks for pinned tags or digests (image-tag-latest), not for a pull policy" },
  dangerousCapabilities: {
    rule: "dangerous-capabilities",
    notFixed: "removing a capability the container asked for breaks what it needed it for",
  },
  insecureCapabilities: { notFixed: "Plumbline has no rule that asks for capabilities.drop" },
  runAsRootAllowed: {
    rule: "run-as-root",
    notFixed:
      "Polaris flips an explicit runAsNonRoot: false; Plumbline sets runAsNonRoot only where nothing about the user is set, since an explicit false is the author's choice (the derived pair below checks that case)",
  },
};

interface Label {
  readonly file: string;
  readonly check: string;
  readonly expect: string;
  readonly autofix_input?: string;
}

const labels = hasCorpus
  ? (JSON.parse(readFileSync(path.join(CORPUS, "polaris/LABELS.json"), "utf8")) as { labels: Label[] }).labels
  : [];
const pairs = labels.filter((label) => label.expect === "autofix-output" && label.autofix_input);

/** Pointers to every scalar (or empty collection) of a value: what "a field" is in the comparison. */
function leaves(value: unknown, at = ""): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [at] : value.flatMap((item, index) => leaves(item, `${at}/${index}`));
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length === 0 ? [at] : keys.flatMap((key) => leaves((value as Record<string, unknown>)[key], `${at}/${key}`));
  }
  return [at];
}

/** The fields where Polaris's output differs from its input (an emptied collection counts only where it was not one). */
function changedFields(before: unknown, after: unknown): string[] {
  const isCollection = (value: unknown) => value !== null && typeof value === "object";
  return [...new Set([...leaves(before), ...leaves(after)])].filter((pointer) => {
    const [old, now] = [valueAt(before, pointer), valueAt(after, pointer)];
    if (JSON.stringify(old) === JSON.stringify(now)) return false;
    return !(isCollection(old) && isCollection(now));
  });
}

async function fixCopy(text: string): Promise<{ fixed: unknown; before: Finding[]; after: Finding[]; stderr: string }> {
  const dir = await tempTree({ "failure.yaml": text });
  const findings = async () =>
    (JSON.parse((await run(dir, ["check", "failure.yaml", "-f", "json"])).stdout) as JsonReport).findings as unknown as Finding[];
  const before = await findings();
  // Polaris's autofix makes the security-context changes Plumbline counts as unsafe
  const { stderr } = await run(dir, ["check", "failure.yaml", "--fix", "--unsafe-fixes"]);
  const [fixed] = readObjects(await readFile(path.join(dir, "failure.yaml"), "utf8")).filter((object) => object !== null);
  return { fixed, before, after: await findings(), stderr };
}

describeWith(peerCorpora, "Polaris autofix pairs through plumbline check --fix", () => {
  it("covers all 20 pairs, each with its concept accounted for", () => {
    expect(pairs).toHaveLength(20);
    for (const pair of pairs) expect(Object.keys(CONCEPTS), pair.check).toContain(pair.check.replace(/^polaris:/, ""));
  });

  it.each(pairs.map((pair) => [pair.check.replace(/^polaris:/, ""), pair.autofix_input as string, pair.file]))(
    "%s: %s",
    async (check, input, output) => {
      const failureText = readFileSync(path.join(CORPUS, "polaris", input), "utf8");
      const [failure] = readObjects(failureText).filter((object) => object !== null);
      const [mutated] = readObjects(readFileSync(path.join(CORPUS, "polaris", output), "utf8")).filter(
        (object) => object !== null,
      );
      const { fixed, before, after } = await fixCopy(failureText);

      // Polaris's change is one Plumbline does not make: those fields stay exactly as they were
      const concept = CONCEPTS[check] as Concept;
      const fields = changedFields(failure, mutated);
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields)
        expect(valueAt(fixed, field), `${field} (${concept.notFixed})`).toEqual(valueAt(failure, field));

      // what Plumbline does fix in the same file is fixed for good and brings nothing new
      const fingerprints = new Set(after.map((finding) => finding.fingerprint));
      for (const finding of before.filter((f) => f.fix)) expect(fingerprints.has(finding.fingerprint), finding.rule).toBe(false);
      expect(newFindings(before, after)).toEqual([]);
      expect(after.filter((finding) => finding.rule === "schema-invalid")).toEqual([]);
    },
  );

  it("sets runAsNonRoot: true where Polaris does, once the user is not set at all (derived from runAsRootAllowed)", async () => {
    const pair = pairs.find((label) => label.check === "polaris:runAsRootAllowed") as Label;
    const failureText = readFileSync(path.join(CORPUS, "polaris", pair.autofix_input as string), "utf8");
    const [mutated] = readObjects(readFileSync(path.join(CORPUS, "polaris", pair.file), "utf8"));
    const field = "/spec/template/spec/containers/0/securityContext/runAsNonRoot";
    // the same manifest without the explicit choice: the case Plumbline's fix is for
    const unset = applyPatchToYaml(failureText, { documentIndex: 0 }, [{ op: "remove", path: field }]).text;
    const { fixed, before, after } = await fixCopy(unset);
    expect(before.find((finding) => finding.rule === "run-as-root")?.fix).toBeDefined();
    expect(valueAt(fixed, field)).toBe(true);
    expect(valueAt(fixed, field)).toEqual(valueAt(mutated, field));
    expect(after.map((finding) => finding.rule)).not.toContain("run-as-root");
  });
});
