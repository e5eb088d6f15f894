// `npm run realworld`: runs Plumbline on every repository in ../shared/realworld and prints precision per
// rule against the hand-judged labels, and the issue-9 targets. Exit 1 when a target is missed or a
// labelled finding regressed; exit 2 when the corpus is absent.
// `npm run realworld -- --unjudged [<owner>__<name>…]` lists what is left to judge.
import { realWorld } from "../support/shared.js";
import { formatScore } from "./format.js";
import { readLabels } from "./labels.js";
import { corpusRepos, kubectlOnPath, type RepoRun, runRepo } from "./run.js";
import { score, targetChecks } from "./score.js";

if (!realWorld.present) {
  console.error(realWorld.missing);
  process.exit(2);
}
// `--unjudged`: also list every unjudged finding (what to label next); other arguments pick repositories
const listUnjudged = process.argv.includes("--unjudged");
if (!kubectlOnPath()) {
  console.error("needs kubectl on PATH: Plumbline renders the corpus's Kustomizations with it, as on a user's machine");
  process.exit(2);
}
const only = process.argv.slice(2).filter((arg) => arg !== "--unjudged");
const runs: RepoRun[] = [];
for (const repo of await corpusRepos(realWorld.dir)) {
  if (only.length > 0 && !only.includes(repo)) continue;
  const run = await runRepo(realWorld.file(repo), repo);
  console.error(`${repo}: ${run.findings.length} findings in ${run.seconds.toFixed(1)} s`);
  runs.push(run);
}
const result = score(runs, readLabels());
console.log(formatScore(result));
if (listUnjudged) {
  console.log("\nunjudged findings:");
  for (const item of result.reported.filter((reported) => !reported.verdict)) {
    console.log(`  ${item.repo}/${item.file}:${item.line} ${item.rule} [${item.severity}] ${item.message}`);
  }
}
const regressed = result.lostTrue.length + result.cameBack.length + result.nowFixed.length > 0;
if (regressed || result.errors.unjudged > 0 || targetChecks(result).some((check) => !check.met)) process.exitCode = 1;
