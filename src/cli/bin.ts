#!/usr/bin/env node
import module from "node:module";
import { nodeTooOld } from "./node-version.js";

// before anything else is evaluated: an old Node gets one line, not a SyntaxError or a missing builtin
const refusal = nodeTooOld(process.versions.node);
if (refusal) {
  process.stderr.write(`plumbline: ${refusal}\n`);
  process.exit(2);
}
// Node keeps the compiled code of what is imported below in its cache folder (os.tmpdir()): later runs
// skip parsing and compiling the bundle's chunks. Off with NODE_DISABLE_COMPILE_CACHE=1.
module.enableCompileCache?.();
// a large input is parsed on one thread per core (src/manifests/parse-pool.ts); PLUMBLINE_PARSE_THREADS=N overrides
process.env.PLUMBLINE_PARSE_THREADS ??= "auto";
const [{ processIo }, { main }] = await Promise.all([import("./io.js"), import("./main.js")]);

// main handles every error it knows; this is the last line of defence against a stack trace
process.exitCode = await main(process.argv.slice(2), processIo()).catch((error: unknown) => {
  process.stderr.write(`plumbline: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
});
