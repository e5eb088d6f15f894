#!/usr/bin/env node
import { processIo } from "./io.js";
import { main } from "./main.js";

// main handles every error it knows; this is the last line of defence against a stack trace
process.exitCode = await main(process.argv.slice(2), processIo()).catch((error: unknown) => {
  process.stderr.write(`plumbline: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
});
