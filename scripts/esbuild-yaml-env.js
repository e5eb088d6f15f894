// An esbuild plugin for bundles that parse a lot of YAML (scripts/bundle-cli.js).
import { readFile } from "node:fs/promises";

/**
 * The `yaml` package's Node build looks up a debugging variable in `process.env` for every token its
 * parser reads (`LOG_TOKENS`) and every tree its composer gets (`LOG_STREAM`). A `process.env` lookup
 * goes through a native interceptor (about 0.25 µs): over the bench corpus's 1.4 million tokens that is
 * a third of a second, a tenth of the parse. In the bundle each variable is read once, when the module
 * loads; setting it still works, as long as it is set before the command starts.
 *
 * If a release of `yaml` words these lines differently, the build says so and bundles the file as is.
 */
export function yamlDebugEnvOnce() {
  const variables = { "parse/parser.js": "LOG_TOKENS", "compose/composer.js": "LOG_STREAM" };
  return {
    name: "yaml-debug-env-once",
    setup(esbuild) {
      esbuild.onLoad(
        { filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ },
        async (args) => {
          const file = args.path.replaceAll("\\", "/");
          const variable = Object.entries(variables).find(([suffix]) => file.endsWith(suffix))?.[1];
          const source = await readFile(args.path, "utf8");
          const lookup = `node_process.env.${variable}`;
          const required = "var node_process = require('process');";
          if (variable === undefined || !source.includes(lookup) || !source.includes(required)) {
            return { contents: source, loader: "js", warnings: [{ text: `yaml: no ${lookup} in ${file}; bundled unchanged` }] };
          }
          const once = `__yaml_${variable}`;
          const contents = source
            .replaceAll(lookup, once)
            .replace(required, `${required}\nvar ${once} = node_process.env.${variable};`);
          return { contents, loader: "js" };
        },
      );
    },
  };
}
