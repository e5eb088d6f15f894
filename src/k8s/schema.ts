/**
 * Built-in objects checked against the Kubernetes OpenAPI schemas, offline: kubernetes-models ships
 * each schema compiled to an ajv validator (reached through its model class's `validate()`), which
 * reports wrong types, values outside an enum, malformed numbers, quantities and base64, and missing
 * required fields.
 *
 * Kubernetes' schemas do not forbid additional properties, so those validators accept a misspelt
 * field (`imagePullPolcy`) without a word, although kubectl rejects it and tools that skip validation
 * drop it. The compiled code does look up every field its schema declares, though, so the object is
 * validated through proxies that record those look-ups: at each typed object, a key that was never
 * looked up is not a field of that type. Objects the validator only iterates (labels, `data`) are maps,
 * and objects it never looks into (embedded JSON) are free-form; neither can hold an unknown field.
 */
import { joinPointer, parsePointer, valueAt } from "../manifests/pointer.js";
import type { KubeObject } from "../manifests/resource.js";
import { isFieldKnownAnyway } from "./schema-fields.js";
import { hasModel, loadModel } from "./schema-models.js";

export type SchemaProblemKind = "unknown-field" | "required" | "type" | "enum" | "format";

export interface SchemaProblem {
  readonly kind: SchemaProblemKind;
  /** JSON pointer of the offending field; for a missing field, of the object that lacks it */
  readonly path: string;
  readonly message: string;
}

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
}

type Validate = (this: unknown) => void;

/** Whether kubernetes-models has a schema for the object's apiVersion and kind; loads nothing. */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return hasModel(apiVersion, kind);
}

const validators = new Map<string, Validate | null>();

/** The model's `validate`, loaded on first use per kind; null when it cannot be loaded. */
function validatorFor(apiVersion: string, kind: string): Validate | null {
  const key = `${apiVersion}/${kind}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    try {
      const model = loadModel(apiVersion, kind)?.[kind] as { prototype?: { validate?: unknown } } | undefined;
      const fn = model?.prototype?.validate;
      validate = typeof fn === "function" ? (fn as Validate) : null;
    } catch {
      // a schema that cannot be loaded checks nothing rather than failing the whole run
      validate = null;
    }
    validators.set(key, validate);
  }
  return validate;
}

/**
 * Every schema violation of a built-in object; undefined when there is no schema
 * for its apiVersion and kind (custom resources, APIs kubernetes-models does not know). `status` is
 * written by the cluster and ignored on apply, so nothing under it is reported.
 */
export function validateAgainstSchema(object: KubeObject): SchemaProblem[] | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !hasSchema(apiVersion, kind)) return undefined;
  const validate = validatorFor(apiVersion, kind);
  if (!validate) return undefined;

  const data = withoutNulls(object) as KubeObject;
  const tracker = new LookupTracker();
  let errors: readonly AjvError[] = [];
  try {
    validate.call(tracker.wrap(data, ""));
  } catch (error) {
    const reported = (error as { errors?: unknown }).errors;
    if (!Array.isArray(reported)) return undefined;
    errors = reported as AjvError[];
  }
  const name = (path: string) => readablePath(data, path) || kind;
  return [...valueProblems(errors, data, name), ...tracker.unknownFields(name)].filter((problem) => !isUnderStatus(problem.path));
}

/**
 * The API server reads `null` as "not set" (YAML's `key:` with nothing after it); the schemas would
 * call it the wrong type. List items stay, since `- ` with nothing is a real mistake.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    // defineProperty: assigning `out["__proto__"]` would set the copy's prototype, so the key vanished
    // and what it held was read as the object's own fields (a schema-invalid false alarm)
    Object.defineProperty(out, key, { value: withoutNulls(entry), writable: true, enumerable: true, configurable: true });
  }
  return out;
}

interface TrackedObject {
  readonly path: string;
  readonly target: Record<string, unknown>;
  /** field names the validator looked up: the ones the schema declares */
  readonly declared: Set<string>;
  /** iterated as a map */
  enumerated: boolean;
}

class LookupTracker {
  private readonly objects: TrackedObject[] = [];
  private readonly proxies = new WeakMap<object, object>();

  wrap(value: unknown, path: string): unknown {
    if (value === null || typeof value !== "object") return value;
    const existing = this.proxies.get(value);
    if (existing) return existing;
    const proxy = Array.isArray(value) ? this.wrapArray(value, path) : this.wrapObject(value as Record<string, unknown>, path);
    this.proxies.set(value, proxy);
    return proxy;
  }

  private wrapArray(target: unknown[], path: string): object {
    return new Proxy(target, {
      get: (array, key, receiver) => {
        const item = Reflect.get(array, key, receiver);
        return typeof key === "string" && /^\d+$/.test(key) ? this.wrap(item, joinPointer(path, Number(key))) : item;
      },
    });
  }

  private wrapObject(target: Record<string, unknown>, path: string): object {
    const tracked: TrackedObject = { path, target, declared: new Set(), enumerated: false };
    this.objects.push(tracked);
    return new Proxy(target, {
      get: (object, key, receiver) => {
        const value = Reflect.get(object, key, receiver);
        if (typeof key !== "string") return value;
        tracked.declared.add(key);
        return Object.hasOwn(object, key) ? this.wrap(value, joinPointer(path, key)) : value;
      },
      has: (object, key) => {
        if (typeof key === "string") tracked.declared.add(key);
        return Reflect.has(object, key);
      },
      ownKeys: (object) => {
        tracked.enumerated = true;
        return Reflect.ownKeys(object);
      },
    });
  }

  /** Keys of typed objects that their schema does not declare. */
  unknownFields(name: (path: string) => string): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    for (const { path, target, declared, enumerated } of this.objects) {
      // a map (iterated) or a free-form object (never looked into) has no fixed set of fields
      if (enumerated || declared.size === 0) continue;
      for (const field of Object.keys(target)) {
        if (declared.has(field) || isFieldKnownAnyway(field, declared)) continue;
        const suggestion = closestField(field, declared);
        problems.push({
          kind: "unknown-field",
          path: joinPointer(path, field),
          message: `${name(path)} has no field "${field}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
        });
      }
    }
    return problems;
  }
}

/** ajv's errors as problems: one per place, the alternatives of an int-or-string or quantity merged. */
function valueProblems(errors: readonly AjvError[], root: unknown, name: (path: string) => string): SchemaProblem[] {
  const byPath = new Map<string, AjvError[]>();
  for (const error of errors) byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
  const problems: SchemaProblem[] = [];
  for (const [path, group] of byPath) {
    const where = name(path);
    const value = valueAt(root, path);
    if (group.some((error) => error.keyword === "oneOf")) {
      problems.push({ kind: "type", path, message: `${where} must be ${alternatives(group)}, not ${describeValue(value)}` });
      continue;
    }
    for (const error of group) {
      const problem = describeError(error, path, where, value);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

function describeError(error: AjvError, path: string, where: string, value: unknown): SchemaProblem | undefined {
  const { keyword, params } = error;
  switch (keyword) {
    case "required": {
      // pointing at the absent field keeps two missing fields of one object apart; it is located at the object
      const field = String(params.missingProperty);
      return { kind: "required", path: joinPointer(path, field), message: `${where} is missing the required field "${field}"` };
    }
    case "type":
      return { kind: "type", path, message: `${where} must be ${typeName(String(params.type))}, not ${describeValue(value)}` };
    case "enum": {
      const allowed = (params.allowedValues as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(", ") ?? "";
      return { kind: "enum", path, message: `${where} must be one of ${allowed}, not ${describeValue(value)}` };
    }
    case "format":
      if (params.format === "byte" && isWrappedBase64(value)) return undefined;
      return {
        kind: "format",
        path,
        message: `${where} ${formatExpectation(String(params.format))}, not ${describeValue(value)}`,
      };
    default:
      return undefined;
  }
}

/** Standard base64 with its padding: the alphabet and shape the schemas' `byte` format accepts. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Base64 split over lines (a YAML `|` block, `base64` output wrapped at 76 columns). The API server
 * decodes `byte` fields with Go's base64 decoder, which skips \r and \n, so it accepts the value; the
 * schemas' pattern does not. Any other whitespace is still an error.
 */
function isWrappedBase64(value: unknown): boolean {
  return typeof value === "string" && BASE64.test(value.replace(/[\r\n]/g, ""));
}

/** int-or-string (ports, maxSurge) and quantity (cpu, memory) are the schemas' only alternatives. */
function alternatives(group: readonly AjvError[]): string {
  const isQuantity = group.some(
    (error) => (error.keyword === "format" && error.params.format === "quantity") || error.params.type === "number",
  );
  return isQuantity ? "a quantity such as 500m, 2 or 1Gi" : "an integer or a string";
}

function typeName(type: string): string {
  switch (type) {
    case "integer":
      return "an integer";
    case "object":
      return "a mapping";
    case "array":
      return "a list";
    default:
      return `a ${type}`;
  }
}

function formatExpectation(format: string): string {
  switch (format) {
    case "int32":
      return "must be an integer between -2147483648 and 2147483647";
    case "byte":
      return "must be base64-encoded (plain text goes under stringData)";
    case "quantity":
      return "must be a quantity such as 500m, 2 or 1Gi";
    default:
      return `must be in ${format} format`;
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  return String(value);
}

/** `spec.template.spec.containers[0].image`: the spelling kubectl's own errors use; "" for the object itself. */
function readablePath(root: unknown, pointer: string): string {
  let current = root;
  let out = "";
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      out += `[${segment}]`;
      current = current[Number(segment)];
    } else {
      out += out === "" ? segment : `.${segment}`;
      current = isPlainObject(current) ? current[segment] : undefined;
    }
  }
  return out;
}

/** The declared field a misspelt one most likely meant: same letters but for case, or one or two edits away. */
function closestField(field: string, declared: ReadonlySet<string>): string | undefined {
  const lower = field.toLowerCase();
  const sameLetters = [...declared].find((name) => name.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const limit = field.length >= 6 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of declared) {
    const distance = editDistance(lower, name.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal-string-alignment distance (a swap of neighbours counts as one edit), capped just above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(value);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}

function isUnderStatus(pointer: string): boolean {
  return pointer === "/status" || pointer.startsWith("/status/");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
