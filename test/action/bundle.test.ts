import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildBundle, ROOT } from "./support/run-action.js";

/** The runner starts dist/index.js from the repository as committed: it must be today's source, built. */

describe("dist/index.js", () => {
  it("is byte for byte what `npm run bundle` builds from the current source", async () => {
    const fresh = await readFile(await buildBundle());
    const committed = await readFile(path.join(ROOT, "dist/index.js")).catch(() => Buffer.alloc(0));
    // compare lengths first so a stale bundle fails with a short message, not a 2 MB diff
    expect(committed.length, "dist/index.js is stale: run `npm run bundle` and commit dist/").toBe(fresh.length);
    expect(committed.equals(fresh), "dist/index.js is stale: run `npm run bundle` and commit dist/").toBe(true);
  }, 60_000);

  it("is what action.yml runs, on node24, with every documented input and output", async () => {
    const action = parse(await readFile(path.join(ROOT, "action.yml"), "utf8"));
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(Object.keys(action.inputs)).toEqual([
      "token",
      "paths",
      "config",
      "fail-on",
      "kubernetes-version",
      "only-new",
      "comment",
      "review",
      "check-run",
      "status",
      "sarif-file",
      "sarif-category",
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
    expect(action.inputs.token.default).toBe("${{ github.token }}");
    expect(Object.keys(action.outputs)).toEqual(["findings", "new-findings", "fixed-findings", "score", "sarif-file"]);
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
  });
});
