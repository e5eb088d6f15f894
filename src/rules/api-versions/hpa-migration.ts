/**
 * autoscaling/v2beta1 HorizontalPodAutoscaler → autoscaling/v2. The metric sources name their target
 * differently: v2beta1's `targetAverageUtilization`, `targetAverageValue` and `targetValue` become one
 * `target: {type, averageUtilization | averageValue | value}`; Pods, Object and External metrics name
 * their metric as `metric: {name, selector}`; an Object metric's `target` (the object) becomes
 * `describedObject`. The type follows the API server's conversion (pkg/apis/autoscaling/v2beta1,
 * conversion.go), so the HPA scales exactly as before. A metric written in a way v2beta1 itself
 * rejects withholds the fix: the right reading would be a guess.
 */
import type { Operation } from "fast-json-patch";
import { joinPointer } from "../../manifests/pointer.js";
import type { KubeObject } from "../../manifests/resource.js";
import { asObject, isSet } from "./migration-values.js";

export const HPA_V2 = "autoscaling/v2";

type SourceMigration = (source: KubeObject, at: string) => Operation[] | undefined;

/** The source field each metric type reads, and how it migrates. */
const SOURCES: Readonly<Record<string, readonly [string, SourceMigration]>> = {
  Resource: ["resource", resourceSource],
  ContainerResource: ["containerResource", resourceSource],
  Pods: ["pods", podsSource],
  Object: ["object", objectSource],
  External: ["external", externalSource],
};
const SOURCE_FIELDS = Object.values(SOURCES).map(([field]) => field);

export function hpaV2Migration(object: KubeObject): Operation[] | undefined {
  const ops: Operation[] = [{ op: "replace", path: "/apiVersion", value: HPA_V2 }];
  // the status is the server's, in v2beta1's shape: a fix only rewrites what people write
  if (isSet(asObject(object.status)?.currentMetrics)) return undefined;
  const metrics = asObject(object.spec)?.metrics;
  if (!isSet(metrics)) return ops;
  if (!Array.isArray(metrics)) return undefined;
  for (const [index, metric] of metrics.entries()) {
    const metricOps = metricMigration(metric, joinPointer("/spec/metrics", index));
    if (!metricOps) return undefined;
    ops.push(...metricOps);
  }
  return ops;
}

function metricMigration(value: unknown, at: string): Operation[] | undefined {
  const metric = asObject(value);
  const type = metric?.type;
  const known = typeof type === "string" && Object.hasOwn(SOURCES, type) ? SOURCES[type] : undefined;
  if (!metric || !known) return undefined;
  const [field, migrate] = known;
  // v2beta1 rejects a metric that fills in a source other than its type's
  if (SOURCE_FIELDS.some((other) => other !== field && isSet(metric[other]))) return undefined;
  const source = asObject(metric[field]);
  return source ? migrate(source, joinPointer(at, field)) : undefined;
}

/** Resource and ContainerResource: exactly one of a utilization or an average value. */
function resourceSource(source: KubeObject, at: string): Operation[] | undefined {
  if (typeof source.name !== "string" || isSet(source.target)) return undefined;
  const target = exactlyOne(source, {
    targetAverageUtilization: (averageUtilization) => ({ type: "Utilization", averageUtilization }),
    targetAverageValue: (averageValue) => ({ type: "AverageValue", averageValue }),
  });
  if (!target) return undefined;
  return [add(at, "target", target), ...removeIfPresent(source, at, "targetAverageUtilization", "targetAverageValue")];
}

/** Pods: the per-pod average of a named metric. */
function podsSource(source: KubeObject, at: string): Operation[] | undefined {
  if (typeof source.metricName !== "string" || !isSet(source.targetAverageValue)) return undefined;
  if (isSet(source.metric) || isSet(source.target)) return undefined;
  return [
    add(at, "metric", metricIdentifier(source.metricName, source.selector)),
    add(at, "target", { type: "AverageValue", averageValue: source.targetAverageValue }),
    ...removeIfPresent(source, at, "metricName", "targetAverageValue", "selector"),
  ];
}

/**
 * Object: v2beta1 requires `targetValue` and takes an optional `averageValue`; the conversion makes
 * the target an AverageValue when that is set, else a Value, which is what the controller then reads.
 */
function objectSource(source: KubeObject, at: string): Operation[] | undefined {
  const described = asObject(source.target);
  if (!described || typeof described.kind !== "string" || typeof described.name !== "string") return undefined;
  if (typeof source.metricName !== "string" || isSet(source.describedObject) || isSet(source.metric)) return undefined;
  const target = isSet(source.averageValue)
    ? { type: "AverageValue", averageValue: source.averageValue }
    : isSet(source.targetValue)
      ? { type: "Value", value: source.targetValue }
      : undefined;
  if (!target) return undefined;
  return [
    add(at, "describedObject", described),
    add(at, "metric", metricIdentifier(source.metricName, source.selector)),
    { op: "replace", path: joinPointer(at, "target"), value: target },
    ...removeIfPresent(source, at, "metricName", "targetValue", "averageValue", "selector"),
  ];
}

/** External: exactly one of a value or an average value, and `metricSelector` for the selector. */
function externalSource(source: KubeObject, at: string): Operation[] | undefined {
  if (typeof source.metricName !== "string" || isSet(source.metric) || isSet(source.target)) return undefined;
  const target = exactlyOne(source, {
    targetValue: (value) => ({ type: "Value", value }),
    targetAverageValue: (averageValue) => ({ type: "AverageValue", averageValue }),
  });
  if (!target) return undefined;
  return [
    add(at, "metric", metricIdentifier(source.metricName, source.metricSelector)),
    add(at, "target", target),
    ...removeIfPresent(source, at, "metricName", "targetValue", "targetAverageValue", "metricSelector"),
  ];
}

/** The target from the one field set; undefined when none or several are (v2beta1 rejects both). */
function exactlyOne(source: KubeObject, fields: Record<string, (value: unknown) => KubeObject>): KubeObject | undefined {
  const present = Object.keys(fields).filter((field) => isSet(source[field]));
  const field = present[0];
  if (present.length !== 1 || field === undefined) return undefined;
  return (fields[field] as (value: unknown) => KubeObject)(source[field]);
}

function metricIdentifier(name: string, selector: unknown): KubeObject {
  return isSet(selector) ? { name, selector } : { name };
}

function add(at: string, field: string, value: unknown): Operation {
  return { op: "add", path: joinPointer(at, field), value };
}

/** Removes the v2beta1 fields the source has (a null one too: v2 has no such field). */
function removeIfPresent(source: KubeObject, at: string, ...fields: string[]): Operation[] {
  return fields.filter((field) => Object.hasOwn(source, field)).map((field) => ({ op: "remove", path: joinPointer(at, field) }));
}
