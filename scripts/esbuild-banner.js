// The banner the bundlers (scripts/bundle.js, bundle-cli.js, bundle-bot.js) put on top of each ESM bundle.

/**
 * A "generated, do not edit" line, and a `require` for the CommonJS dependencies bundled into ESM,
 * which still call it for Node built-ins. The alias keeps the banner from clashing with a bundled
 * module that imports createRequire itself.
 */
export function esmBanner(title) {
  return {
    js: [
      `// ${title}. Do not edit.`,
      'import { createRequire as __plumblineCreateRequire } from "node:module";',
      "const require = __plumblineCreateRequire(import.meta.url);",
    ].join("\n"),
  };
}
