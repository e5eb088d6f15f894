/**
 * Precision on real repositories (issue 9): Plumbline run on each repository of ../shared/realworld as a
 * user runs it, its findings matched to the hand-judged labels in labels.json. Fails when a labelled false
 * alarm is reported that is not marked `open`, when an `open` one is gone (so the mark is dropped), when a
 * labelled true finding disappears, when an error-level finding is unjudged, and when a target is missed.
 */
import { beforeAll, expect, it } from "vitest";
import { realWorld } from "../support/shared.js";
import { describeWith } from "../support/shared-tests.js";
import { formatScore } from "./format.js";
import { labelKey, readLabels } from "./labels.js";
import { corpusRepos, kubectlOnPath, runRepo } from "./run.js";
import { type Score, score, targetChecks } from "./score.js";

const where = (item: { repo: string; file: string; line: number; rule: string }) => labelKey(item);

describeWith(realWorld, "real-world precision", () => {
  if (!kubectlOnPath()) {
    it("runs Plumbline on the real-world corpus", (context) =>
      context.skip("needs kubectl on PATH: Plumbline renders the corpus's Kustomizations with it, as on a user's machine"));
    return;
  }
  let result: Score;

  beforeAll(async () => {
    const runs = [];
    for (const repo of await corpusRepos(realWorld.dir)) runs.push(await runRepo(realWorld.file(repo), repo));
    result = score(runs, readLabels());
    console.log(formatScore(result));
  }, 600_000);

  it("reports no labelled false alarm that labels.json does not mark open", () => {
    expect(result.cameBack.map(where)).toEqual([]);
  });

  it("still reports every false alarm marked open (else drop the mark)", () => {
    expect(result.nowFixed.map(where)).toEqual([]);
  });

  it("keeps every labelled true finding", () => {
    expect(result.lostTrue.map(where)).toEqual([]);
  });

  it("has every error-level finding judged", () => {
    expect(result.reported.filter((item) => item.severity === "error" && !item.verdict).map(where)).toEqual([]);
  });

  it("meets the targets", () => {
    const missed = targetChecks(result).filter((check) => !check.met);
    expect(missed.map((check) => `${check.name}: ${check.value} (target ${check.target})`)).toEqual([]);
  });
});
