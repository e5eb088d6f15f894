import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { GitHubApiDescription } from "../../action/support/openapi.js";

/**
 * GitHub's OpenAPI description for judging the bot's requests, loaded once per test file through
 * the validator the Action's tests use. `nullable` next to `oneOf`/`anyOf`/`allOf` without a
 * `type` (as in the bodies of `POST /issues` and `PATCH /issues/{n}`) is turned into an explicit
 * "or null", which Ajv otherwise refuses to compile.
 */

type Json = Record<string, unknown>;

let loaded: GitHubApiDescription | undefined;

export function githubApi(): GitHubApiDescription {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const document = JSON.parse(readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8")) as Json;
    loaded = new GitHubApiDescription(withExplicitNull(document) as Json);
  }
  return loaded;
}

function withExplicitNull(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withExplicitNull);
  if (node === null || typeof node !== "object") return node;
  const entries = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withExplicitNull(value)]));
  if (entries.nullable !== true || entries.type !== undefined) return entries;
  const { nullable: _nullable, description, ...schema } = entries;
  return { ...(description !== undefined ? { description } : {}), anyOf: [schema, { type: "null" }] };
}
