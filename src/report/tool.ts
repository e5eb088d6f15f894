// Imported rather than read at run time so the version survives bundling (the Action) and `tsc`
// emits the manifest next to the build, where the same relative path finds it.
import manifest from "../../package.json" with { type: "json" };

/** Who produced a report: SARIF's tool.driver, the Markdown footer, `--version`. */
export const TOOL = {
  name: "Plumbline",
  version: manifest.version,
  informationUri: "https://github.com/plumbline-dev/plumbline",
} as const;
