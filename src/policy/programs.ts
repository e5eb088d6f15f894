import { CelCompileError, type CelProgram, compileCel } from "../cel/program.js";

/** Compiled programs by source: a policy applied to a thousand objects is parsed once. */
const cache = new Map<string, CelProgram | CelCompileError>();
const CACHE_LIMIT = 2_000;

export function programFor(source: string): CelProgram | CelCompileError {
  let program = cache.get(source);
  if (!program) {
    try {
      program = compileCel(source);
    } catch (error) {
      if (!(error instanceof CelCompileError)) throw error;
      program = error;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, program);
  }
  return program;
}
