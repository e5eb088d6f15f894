// An esbuild plugin shared by the bundlers (scripts/bundle.js, scripts/bundle-cli.js).
import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * src/report/tool.ts imports package.json for the version. Only name and version go into a
 * bundle: the rest (scripts, dependency ranges) would make dist/ stale on every unrelated edit.
 */
export function manifestVersionOnly(root) {
  const manifest = path.join(root, "package.json");
  return {
    name: "manifest-version-only",
    setup(esbuild) {
      esbuild.onLoad({ filter: /[\\/]package\.json$/ }, async (args) => {
        if (path.resolve(args.path) !== manifest) return undefined;
        const { name, version } = JSON.parse(await readFile(manifest, "utf8"));
        return { contents: JSON.stringify({ name, version }), loader: "json" };
      });
    },
  };
}
