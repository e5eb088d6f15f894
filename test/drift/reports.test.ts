/** The drift reports render the same result; hostile text from a manifest cannot break them. */

import { describe, expect, it } from "vitest";
import type { DriftResult } from "../../src/drift/types.js";
import { renderDrift } from "../../src/report/drift-render.js";

const result: DriftResult = {
  drifts: [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: "shop",
      name: "web",
      status: "modified",
      file: "deploy/web.yaml",
      line: 3,
      documentIndex: 0,
      changes: [
        {
          path: "/spec/template/spec/containers/0/image",
          display: "spec.template.spec.containers[web].image",
          git: "web:1",
          live: "web:2|<script>@admin\u001b[2J",
          owner: { manager: "kubectl-edit", operation: "Update", time: "2026-09-14T02:13:45Z", actor: "imperative" },
        },
        {
          path: "/spec/template/spec/containers/0/resources/requests/cpu",
          display: "spec.template.spec.containers[web].resources.requests.cpu",
          git: "100m",
          live: "250m",
          owner: { manager: "vpa-updater", operation: "Update", actor: "controller" },
          noWrite: "set by vpa-updater: add an ignore rule instead",
          suggestIgnore: {
            kind: "Deployment",
            name: "web",
            pointer: "/spec/template/spec/containers/0/resources/requests/cpu",
            jqPath: '.spec.template.spec.containers[] | select(.name == "web") | .resources.requests.cpu',
          },
        },
        { path: "/metadata/labels/team", display: "metadata.labels.team", git: "shop", live: undefined },
      ],
      patch: [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "web:2" }],
    },
    { apiVersion: "v1", kind: "Service", namespace: "shop", name: "debug", status: "extra", changes: [], patch: [] },
  ],
  summary: {
    git: 4,
    live: 4,
    inSync: 2,
    modified: 1,
    missing: 0,
    extra: 1,
    changes: 3,
    byActor: { imperative: 1, controller: 1, unknown: 1 },
    pendingSync: 0,
    source: "snapshot live/",
  },
  warnings: ["Ingress in shop not compared: not served"],
};

describe("drift reports", () => {
  it("json: the documented keys only, absent values as null", () => {
    const json = JSON.parse(renderDrift("json", result, { color: false }));
    const [web, extra] = json.resources;
    expect(web.changes[2]).toEqual({ path: "/metadata/labels/team", git: "shop", live: null });
    expect(web.changes[1]).toEqual({
      path: "/spec/template/spec/containers/0/resources/requests/cpu",
      git: "100m",
      live: "250m",
      manager: "vpa-updater",
      operation: "Update",
      actor: "controller",
    });
    expect(extra).toEqual({
      apiVersion: "v1",
      kind: "Service",
      namespace: "shop",
      name: "debug",
      status: "extra",
      changes: [],
      patch: [],
    });
    expect(json.summary).toEqual(result.summary);
  });

  it("text: Git → live, who and when, escape sequences shown, not run", () => {
    const text = renderDrift("text", result, { color: false });
    expect(text).toContain("spec.template.spec.containers[web].image  web:1 → web:2|<script>@admin\\x1b[2J");
    expect(text).toContain("by kubectl-edit (imperative) on 2026-09-14 02:13 UTC");
    expect(text).toContain("metadata.labels.team  shop → (absent)");
    expect(text).toContain("by an unknown actor (no managedFields)");
    expect(text).toContain(
      `- {kind: Deployment, namespace: shop, name: web, jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "web") | .resources.requests.cpu']}`,
    );
    expect(text).toContain("warning: Ingress in shop not compared");
    expect(text).not.toContain("\u001b");
  });

  it("markdown: one table row per change, cells escaped", () => {
    const markdown = renderDrift("markdown", result, { color: false });
    const rows = markdown.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows).toHaveLength(3);
    // inside a code span HTML and mentions are literal; the pipe is escaped so the row holds
    expect(rows[0]).toContain("`web:2\\|<script>@admin [2J`");
    expect(markdown.replace(/`[^`\n]*`/g, "")).not.toMatch(/<script>|@admin/);
    expect(markdown).toContain("#### ➕ Service `shop/debug` — extra");
    expect(markdown).toContain("```yaml\ndrift:\n  ignore:");
  });
});
