/**
 * The ConfigMaps and Secrets a pod needs before it can start: environment variables, envFrom, and
 * volumes (plain or projected). Each reference carries the keys it reads and whether it is optional.
 * imagePullSecrets are left out: registry credentials are created per cluster, and a missing one only
 * matters for private images.
 */
import { joinPointer } from "../manifests/pointer.js";
import type { KubeObject, Resource } from "../manifests/resource.js";
import { containersOf, describeContainer, podSpec, podSpecPath } from "./workload.js";

export type ConfigKind = "ConfigMap" | "Secret";

export interface KeyReference {
  readonly key: string;
  readonly path: string;
}

export interface ConfigReference {
  readonly kind: ConfigKind;
  readonly name: string;
  /** pointer of the key that names the object */
  readonly namePath: string;
  /** keys the reference reads; empty when it takes every key */
  readonly keys: readonly KeyReference[];
  readonly optional: boolean;
  /** `container "app" (env DB_HOST)`, `volume "config"` */
  readonly user: string;
  /** env and envFrom stop the container; a volume stops the whole pod */
  readonly via: "env" | "volume";
}

export function configReferences(resource: Resource): ConfigReference[] {
  return [...containerReferences(resource), ...volumeReferences(resource)];
}

/** Every key an object of the kind holds (data, binaryData; stringData for Secrets). */
export function keysOf(object: KubeObject, kind: ConfigKind): Set<string> {
  const fields = kind === "ConfigMap" ? ["data", "binaryData"] : ["data", "stringData"];
  return new Set(fields.flatMap((field) => Object.keys(asObject(object[field]) ?? {})));
}

function containerReferences(resource: Resource): ConfigReference[] {
  return containersOf(resource, ["init", "container", "ephemeral"]).flatMap((ref) => {
    const refs: ConfigReference[] = [];
    const env = Array.isArray(ref.container.env) ? ref.container.env : [];
    env.forEach((variable: unknown, index) => {
      const entry = asObject(variable);
      const from = asObject(entry?.valueFrom);
      for (const [field, kind] of [
        ["configMapKeyRef", "ConfigMap"],
        ["secretKeyRef", "Secret"],
      ] as const) {
        const selector = asObject(from?.[field]);
        const base = joinPointer(ref.path, "env", index, "valueFrom", field);
        const name = typeof entry?.name === "string" ? entry.name : String(index);
        const reference = named(selector, "name", kind, base, `${describeContainer(ref)} (env ${name})`, "env");
        if (!reference || !selector) continue;
        const key = selector.key;
        refs.push({ ...reference, keys: typeof key === "string" ? [{ key, path: joinPointer(base, "key") }] : [] });
      }
    });
    const envFrom = Array.isArray(ref.container.envFrom) ? ref.container.envFrom : [];
    envFrom.forEach((source: unknown, index) => {
      for (const [field, kind] of [
        ["configMapRef", "ConfigMap"],
        ["secretRef", "Secret"],
      ] as const) {
        const base = joinPointer(ref.path, "envFrom", index, field);
        const reference = named(
          asObject(asObject(source)?.[field]),
          "name",
          kind,
          base,
          `${describeContainer(ref)} (envFrom)`,
          "env",
        );
        if (reference) refs.push(reference);
      }
    });
    return refs;
  });
}

function volumeReferences(resource: Resource): ConfigReference[] {
  const volumes = podSpec(resource)?.volumes;
  const specPath = podSpecPath(resource);
  if (!Array.isArray(volumes) || specPath === undefined) return [];
  return volumes.flatMap((raw: unknown, index): ConfigReference[] => {
    const volume = asObject(raw);
    if (!volume) return [];
    const base = joinPointer(specPath, "volumes", index);
    const user = `volume "${typeof volume.name === "string" ? volume.name : index}"`;
    const refs = [
      withItems(asObject(volume.configMap), "name", "ConfigMap", joinPointer(base, "configMap"), user),
      withItems(asObject(volume.secret), "secretName", "Secret", joinPointer(base, "secret"), user),
    ];
    const sources = asObject(volume.projected)?.sources;
    (Array.isArray(sources) ? sources : []).forEach((source: unknown, j) => {
      const at = joinPointer(base, "projected", "sources", j);
      refs.push(withItems(asObject(asObject(source)?.configMap), "name", "ConfigMap", joinPointer(at, "configMap"), user));
      refs.push(withItems(asObject(asObject(source)?.secret), "name", "Secret", joinPointer(at, "secret"), user));
    });
    return refs.filter((ref): ref is ConfigReference => ref !== undefined);
  });
}

/** A volume source, with the keys its `items` project. */
function withItems(source: KubeObject | undefined, field: string, kind: ConfigKind, base: string, user: string) {
  const reference = named(source, field, kind, base, user, "volume");
  if (!reference || !source || !Array.isArray(source.items)) return reference;
  const keys = source.items.flatMap((item: unknown, index): KeyReference[] => {
    const key = asObject(item)?.key;
    return typeof key === "string" ? [{ key, path: joinPointer(base, "items", index, "key") }] : [];
  });
  return { ...reference, keys };
}

function named(
  source: KubeObject | undefined,
  field: string,
  kind: ConfigKind,
  base: string,
  user: string,
  via: ConfigReference["via"],
): ConfigReference | undefined {
  const name = source?.[field];
  // an empty name is invalid on its own, and the API server says so
  if (!source || typeof name !== "string" || name === "") return undefined;
  return { kind, name, namePath: joinPointer(base, field), keys: [], optional: source.optional === true, user, via };
}

function asObject(value: unknown): KubeObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as KubeObject) : undefined;
}
