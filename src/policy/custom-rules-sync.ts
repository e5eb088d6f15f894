/**
 * `readCustomRules` for the synchronous `parseConfig` (the Action, the bot, tests). The CLI reads its
 * configuration with `parseConfigLazily`, which imports custom-rules-config.ts (and CEL, a third of
 * the CLI's code) only when `rules.custom` has rules to compile. esbuild places a module by the
 * imports that reach it, used or not, so a direct import from parse.ts would put CEL in the chunk
 * every `plumbline check` loads; scripts/bundle-cli.js swaps this file for one that refuses instead.
 */
export { readCustomRules } from "./custom-rules-config.js";
