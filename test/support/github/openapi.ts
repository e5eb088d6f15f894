import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";

/**
 * GitHub's own OpenAPI description (@octokit/openapi), used to judge every request the Action and
 * the bot send to their test doubles of GitHub: method and path template, path and query parameters, and the JSON body
 * against the operation's requestBody schema. Loaded once per test file (13 MB of JSON).
 */

type Json = Record<string, unknown>;

interface Parameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required?: boolean;
  readonly schema?: Json;
}

interface Operation {
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly pathNames: readonly string[];
  readonly literalSegments: number;
  readonly operationId: string;
  readonly parameters: readonly Parameter[];
  readonly requestBody: { required?: boolean; content?: Record<string, { schema?: Json }> } | undefined;
}

export interface Verdict {
  /** `POST /repos/{owner}/{repo}/check-runs`, or undefined when nothing in the description matches */
  readonly operation: string | undefined;
  readonly operationId: string | undefined;
  readonly errors: string[];
}

const DOCUMENT_ID = "https://api.github.com/openapi";
const METHODS = ["get", "put", "post", "patch", "delete", "head"];

export class GitHubApiDescription {
  private readonly operations: Operation[] = [];
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: Json) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    for (const format of ["date-time", "date", "uri", "uri-template", "email", "repo.nwo", "binary", "timestamp"]) {
      this.ajv.addFormat(format, format === "date-time" ? /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/ : true);
    }
    for (const format of ["int32", "int64", "double"]) this.ajv.addFormat(format, { type: "number", validate: () => true });
    // components become one schema document: every "#/components/..." reference resolves inside it
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
    const paths = document.paths as Record<string, Record<string, Json>>;
    for (const [template, item] of Object.entries(paths)) {
      const shared = (item.parameters as unknown as Json[] | undefined) ?? [];
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const names: string[] = [];
        const segments = template.split("/");
        const pattern = segments
          .map((segment) => {
            const name = /^\{(.+)\}$/.exec(segment)?.[1];
            if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
            names.push(name);
            return "([^/]+)";
          })
          .join("/");
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${pattern}$`),
          pathNames: names,
          literalSegments: segments.filter((segment) => !segment.startsWith("{")).length,
          operationId: String(operation.operationId),
          parameters: [...shared, ...((operation.parameters as Json[] | undefined) ?? [])].map(
            (p) => this.resolve(p) as unknown as Parameter,
          ),
          requestBody: this.resolve(operation.requestBody as Json | undefined) as Operation["requestBody"],
        });
      }
    }
  }

  /** Judges one request: `body` is the parsed JSON, or undefined when none was sent. */
  validate(method: string, url: URL, body: unknown): Verdict {
    const candidates = this.operations
      .filter((op) => op.method === method && op.pattern.test(url.pathname))
      .sort((a, b) => b.literalSegments - a.literalSegments);
    const operation = candidates[0];
    if (!operation)
      return { operation: undefined, operationId: undefined, errors: [`${method} ${url.pathname}: no such operation`] };
    const name = `${operation.method} ${operation.template}`;
    const errors: string[] = [];
    const values = operation.pattern.exec(url.pathname)?.slice(1) ?? [];
    operation.pathNames.forEach((param, index) => {
      const definition = operation.parameters.find((p) => p.in === "path" && p.name === param);
      const value = decodeURIComponent(values[index] ?? "");
      if (definition?.schema) this.check(`${name} path ${param}`, definition.schema, coerce(value, definition.schema), errors);
    });
    const query = operation.parameters.filter((p) => p.in === "query");
    for (const [key, value] of url.searchParams) {
      const definition = query.find((p) => p.name === key);
      if (!definition) errors.push(`${name}: unknown query parameter ${key}`);
      else if (definition.schema) this.check(`${name} query ${key}`, definition.schema, coerce(value, definition.schema), errors);
    }
    for (const required of query.filter((p) => p.required)) {
      if (!url.searchParams.has(required.name)) errors.push(`${name}: missing query parameter ${required.name}`);
    }
    const schema = operation.requestBody?.content?.["application/json"]?.schema;
    if (body === undefined) {
      if (operation.requestBody?.required) errors.push(`${name}: the request body is required`);
    } else if (!schema) {
      errors.push(`${name}: this operation takes no JSON body`);
    } else {
      this.check(`${name} body`, schema, body, errors);
    }
    return { operation: name, operationId: operation.operationId, errors };
  }

  private check(where: string, schema: Json, value: unknown, errors: string[]): void {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(JSON.parse(key.replaceAll('"$ref":"#/', `"$ref":"${DOCUMENT_ID}#/`)));
      this.compiled.set(key, validate);
    }
    if (!validate(value)) {
      for (const error of validate.errors ?? []) errors.push(`${where}${error.instancePath}: ${error.message}`);
    }
  }

  private resolve(node: Json | undefined): Json | undefined {
    const ref = node?.$ref;
    if (typeof ref !== "string") return node;
    let target: unknown = this.document;
    for (const segment of ref.replace(/^#\//, "").split("/")) {
      target = (target as Json)[segment.replaceAll("~1", "/").replaceAll("~0", "~")];
    }
    return target as Json;
  }
}

/** Query and path values arrive as text; the schema says what they stand for. */
function coerce(value: string, schema: Json): unknown {
  if ((schema.type === "integer" || schema.type === "number") && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (schema.type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

let loaded: GitHubApiDescription | undefined;

/** The api.github.com description, parsed once per test file. */
export function githubApi(): GitHubApiDescription {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
    loaded = new GitHubApiDescription(withExplicitNull(JSON.parse(readFileSync(file, "utf8"))) as Json);
  }
  return loaded;
}

/**
 * `nullable` next to `oneOf`/`anyOf`/`allOf` without a `type` (as in the bodies of `POST /issues` and
 * `PATCH /issues/{n}`) becomes an explicit "or null", which Ajv otherwise refuses to compile.
 */
function withExplicitNull(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withExplicitNull);
  if (node === null || typeof node !== "object") return node;
  const entries = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withExplicitNull(value)]));
  if (entries.nullable !== true || entries.type !== undefined) return entries;
  const { nullable: _nullable, description, ...schema } = entries;
  return { ...(description !== undefined ? { description } : {}), anyOf: [schema, { type: "null" }] };
}
