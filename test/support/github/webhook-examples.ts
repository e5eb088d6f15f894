import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** Real webhook payloads from @octokit/webhooks-examples, for every door's tests. */

export type Json = Record<string, unknown>;

interface ExampleGroup {
  readonly name: string;
  readonly examples: Json[];
}

let groups: ExampleGroup[] | undefined;

function examples(event: string): Json[] {
  if (!groups) {
    const require = createRequire(import.meta.url);
    groups = JSON.parse(readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8"));
  }
  const group = groups?.find((candidate) => candidate.name === event);
  if (!group) throw new Error(`no ${event} examples`);
  return group.examples;
}

/** A deep copy of the first example of `event` (with `action` when given). */
export function example(event: string, action?: string): Json {
  const found = examples(event).find((candidate) => action === undefined || candidate.action === action);
  if (!found) throw new Error(`no ${event}.${action} example`);
  return structuredClone(found);
}
