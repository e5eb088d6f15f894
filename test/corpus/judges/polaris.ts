import path from "node:path";
import { DEFAULT_KUBERNETES_VERSION } from "../../../src/rules/api-versions/api-data.js";
import { findingsOf, type Judge, NO_PEER_RULE, reportedCase, unmapped } from "../judgement.js";
import { labelChecks, rulesForCheck } from "../peer-map.js";

/**
 * Polaris's TestChecks runs one check (raised to danger) over a whole `failure*` / `success*` file and
 * asserts ≥1 danger or none: judged per file, and any Plumbline finding of a mapped rule, whatever its
 * severity, counts as the danger. `autofix-output` files record what `polaris fix` writes, not a check
 * outcome, so they are not compared.
 */
export const judgePolaris: Judge = async (label, { corpus, runner }) => {
  const [check = ""] = labelChecks("polaris", label.check);
  const rules = rulesForCheck("polaris", check);
  if (rules.length === 0) return unmapped(NO_PEER_RULE);
  if (label.expect !== "fail" && label.expect !== "pass") return unmapped(`outcome "${label.expect}" is not a check result`);

  const run = await runner.run(path.join(corpus.dir, label.file), { kubernetesVersion: DEFAULT_KUBERNETES_VERSION });
  return { mapped: true, rules, cases: [reportedCase(label.expect === "fail", findingsOf(run, rules))] };
};
