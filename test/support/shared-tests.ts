/**
 * Tests that read `../shared/` (see ./shared.ts): when the material is absent they are reported as
 * skipped with one line saying what is missing and how to run them, and their bodies never touch the
 * disk. When it is present they are ordinary tests.
 */
import { describe, it, type TestFunction } from "vitest";
import type { SharedMaterial } from "./shared.js";

/** `it`, or a skipped test whose note says what is missing. */
export function itWith(material: SharedMaterial, name: string, fn: TestFunction, timeout?: number): void {
  if (material.present) it(name, fn, timeout);
  else it(name, (context) => context.skip(material.missing));
}

/**
 * `describe`, or (material absent) one skipped test in its place: the body is not run, because it
 * usually lists the material's files to make its cases.
 */
export function describeWith(material: SharedMaterial, name: string, body: () => void): void {
  if (material.present) describe(name, body);
  else describe(name, () => it(`reads ${material.what}`, (context) => context.skip(material.missing)));
}
