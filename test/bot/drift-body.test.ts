/**
 * The drift pull request's body within GitHub's 65,536 characters, state marker included. The old
 * body was cut at 60,000 and then given a marker of up to ~30 KB: 70,836 characters for a large
 * drift, refused by GitHub, and the cut could land inside a code block.
 */

import { describe, expect, it } from "vitest";
import { checkRunSummary, issueBody, pullRequestBody } from "../../bot/proposal/body.js";
import { readDriftMarker } from "../../bot/proposal/marker.js";
import { planDrift } from "../../bot/proposal/plan.js";
import { planEdits } from "../../src/drift/edits.js";
import type { Drift, DriftResult } from "../../src/drift/types.js";
import { CHECK_RUN_TEXT_CHARACTERS, COMMENT_CHARACTERS } from "../../src/github/limits.js";

const context = {
  cluster: "prod",
  branch: "main",
  commitSha: "0123456789abcdef",
  source: "cluster prod",
  checkedAt: "2026-12-02T12:00:00.000Z",
};

/** `objects` ConfigMaps, each with `fields` long values a person edited, and a controller's field each. */
function largeDrift(objects: number, fields: number): DriftResult {
  const drifts: Drift[] = [];
  for (let i = 0; i < objects; i++) {
    const name = `settings-${String(i).padStart(4, "0")}-${"x".repeat(40)}`;
    drifts.push({
      apiVersion: "v1",
      kind: "ConfigMap",
      namespace: "shop",
      name,
      status: "modified",
      file: `clusters/prod/${name}.yaml`,
      documentIndex: 0,
      changes: [
        ...Array.from({ length: fields }, (_, f) => ({
          path: `/data/KEY_${f}`,
          display: `data.KEY_${f}`,
          git: `old-${"a".repeat(80)}`,
          live: `new-${"b".repeat(80)}`,
          owner: { manager: "kubectl-edit", operation: "Update", time: "2025-03-04T16:20:00Z", actor: "imperative" as const },
        })),
        {
          path: "/data/ROLLOUT",
          display: "data.ROLLOUT",
          git: "10",
          live: "50",
          owner: { manager: `flagger-${i}`, operation: "Update", actor: "controller" as const },
          noWrite: "set by flagger: add an ignore rule instead",
          suggestIgnore: { kind: "ConfigMap", name, pointer: "/data/ROLLOUT", manager: `flagger-${i}` },
        },
      ],
      patch: [],
    });
  }
  return { drifts, summary: {} as DriftResult["summary"], warnings: [] };
}

/** Each object's file: the ConfigMap as Git has it, so every person's change is written back. */
async function planned(result: DriftResult) {
  const texts = new Map(
    result.drifts.map((drift) => [
      drift.file as string,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${drift.name}\n  namespace: shop\ndata:\n${drift.changes.map((change) => `  ${change.display.slice(5)}: "${String(change.git)}"`).join("\n")}\n`,
    ]),
  );
  return planDrift(result, await planEdits(result, async (file) => texts.get(file)), new Map());
}

const markerOf = (plan: Awaited<ReturnType<typeof planned>>) => ({
  cluster: "prod",
  fingerprint: plan.fingerprint,
  items: plan.items,
});

/** Every fenced block is closed and every <details> too: the marker is not inside one. */
function balanced(body: string): boolean {
  const fences = body.split("\n").filter((line) => /^`{3,}/.test(line)).length;
  return fences % 2 === 0 && body.split("<details>").length === body.split("</details>").length;
}

describe("the drift pull request body", () => {
  it("fits GitHub's limit with its marker whole, however large the drift", async () => {
    const plan = await planned(largeDrift(120, 6));
    expect(plan.rows.length).toBe(120 * 7);
    for (const body of [pullRequestBody(plan, context, markerOf(plan), "a note"), issueBody(plan, context, markerOf(plan))]) {
      expect(body.length).toBeLessThanOrEqual(COMMENT_CHARACTERS);
      // the marker is the body's last line, whole: the next run reads it back
      expect(body.trimEnd().split("\n").at(-1)).toMatch(/^<!-- plumbline:drift [A-Za-z0-9_-]+ -->$/);
      expect(readDriftMarker(body)).toMatchObject({ cluster: "prod", fingerprint: plan.fingerprint });
      expect(balanced(body)).toBe(true);
      // rows were dropped, and the table says how many
      expect(body).toMatch(/… and \d+ more/);
    }
  });

  it("and the check run's summary fits the Checks API's limit", async () => {
    const plan = await planned(largeDrift(120, 6));
    const summary = checkRunSummary("Compared `main` at `0123456` with cluster prod.", plan);
    expect(summary.length).toBeLessThanOrEqual(CHECK_RUN_TEXT_CHARACTERS);
    expect(summary).toMatch(/… and \d+ more/);
    expect(balanced(summary)).toBe(true);
  });

  it("keeps everything, the patch included, when it fits", async () => {
    const plan = await planned(largeDrift(3, 2));
    const body = pullRequestBody(plan, context, markerOf(plan));
    expect(body).not.toContain("… and");
    expect(body).toContain("RFC 6902 patch");
    expect(body.match(/^\| `ConfigMap /gm)).toHaveLength(9);
    expect(body).toContain("    - {kind: ConfigMap, namespace: shop, name: settings-0002-");
    // the time of the comparison reads like the table's times, not as a raw ISO stamp
    expect(body).toContain("on 2026-12-02 12:00 UTC.");
  });

  it("drops the patch before any row", async () => {
    const plan = await planned(largeDrift(16, 6));
    const body = pullRequestBody(plan, context, markerOf(plan));
    expect(body.length).toBeLessThanOrEqual(COMMENT_CHARACTERS);
    expect(body).not.toContain("RFC 6902 patch");
    expect(body.match(/^\| `ConfigMap /gm)).toHaveLength(16 * 7);
  });

  it("names the fields that wait for the GitOps sync", async () => {
    const result = largeDrift(1, 1);
    const pending = [{ kind: "Deployment", namespace: "shop", name: "web", field: "spec.template.spec.containers[web].image" }];
    const plan = await planned({ ...result, pending });
    expect(pullRequestBody(plan, context, markerOf(plan))).toContain(
      "1 field is ahead in Git and waits for the GitOps sync (not drift): `Deployment shop/web spec.template.spec.containers[web].image`.",
    );
  });
});
