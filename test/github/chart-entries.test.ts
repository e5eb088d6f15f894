import { describe, expect, it } from "vitest";
import { manifestEntries } from "../../src/github/tree.js";

const entries = [
  "README.md",
  "clusters/prod/app.yaml",
  "charts/shop/Chart.yaml",
  "charts/shop/values.yaml",
  "charts/shop/templates/deployment.yaml",
  "charts/shop/templates/_helpers.tpl",
  "charts/shop/templates/NOTES.txt",
  "charts/shop/charts/cache/Chart.yaml",
  "charts/shop/charts/cache/templates/_names.tpl",
  "charts/other/Chart.yaml",
  "charts/other/templates/_helpers.tpl",
].map((path) => ({ path }));

describe("the files a drift check reads from GitHub", () => {
  it("take the whole of a chart the paths reach into: helm renders nothing without its helpers", () => {
    const chosen = manifestEntries(entries, ["charts/shop/values.yaml"]).map((entry) => entry.path);
    expect(chosen).toEqual([
      "charts/shop/Chart.yaml",
      "charts/shop/values.yaml",
      "charts/shop/templates/deployment.yaml",
      "charts/shop/templates/_helpers.tpl",
      "charts/shop/templates/NOTES.txt",
      "charts/shop/charts/cache/Chart.yaml",
      "charts/shop/charts/cache/templates/_names.tpl",
    ]);
  });

  it("leave out charts the paths do not reach, and read plain paths as before", () => {
    expect(manifestEntries(entries, ["clusters/prod"]).map((entry) => entry.path)).toEqual(["clusters/prod/app.yaml"]);
    expect(manifestEntries(entries, ["charts/shop"]).map((entry) => entry.path)).not.toContain(
      "charts/other/templates/_helpers.tpl",
    );
  });
});
