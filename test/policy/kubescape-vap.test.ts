import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { loadManifests } from "../../src/manifests/load.js";
import { checkPolicies } from "../../src/policy/index.js";
import { sharedMaterial } from "../support/shared.js";
import { describeWith } from "../support/shared-tests.js";

/** 91 policy/binding/object cases derived from kubescape's cel-admission-library (see its NOTICE). */
const corpus = sharedMaterial("corpus/kubescape-vap", "the kubescape-vap admission-policy corpus");

interface Expected {
  cases: Record<string, { expected: "pass" | "fail"; policy: string; object: { kind: string; name: string } }>;
}

describeWith(corpus, "ValidatingAdmissionPolicy cases from kubescape's CEL admission library", () => {
  const expected = JSON.parse(readFileSync(corpus.file("expected.json"), "utf8")) as Expected;
  const cases = readdirSync(corpus.file("cases")).sort();

  it("has every case the NOTICE describes", () => {
    expect(cases).toHaveLength(91);
    expect(Object.keys(expected.cases).sort()).toEqual(cases);
  });

  it("agrees with every expected verdict (100%)", async () => {
    const disagreements: string[] = [];
    for (const name of cases) {
      const manifests = await loadManifests([corpus.file("cases", name)], { cwd: corpus.dir });
      const findings = checkPolicies(manifests, {});
      const want = expected.cases[name];
      const denied = findings.filter(
        (f) => f.rule === "admission-policy" && f.severity === "error" && f.resource.kind === want?.object.kind,
      );
      const notices = findings.filter((f) => f.severity !== "error");
      const verdict = denied.length > 0 ? "fail" : "pass";
      if (verdict !== want?.expected || notices.length > 0) {
        disagreements.push(
          `${name}: expected ${want?.expected}, got ${verdict} ${JSON.stringify([...denied, ...notices].map((f) => f.message))}`,
        );
      }
      for (const finding of denied) expect(finding.message).toContain(`ValidatingAdmissionPolicy '${want?.policy}'`);
    }
    expect(disagreements).toEqual([]);
  }, 60_000);
});
