import type { DocumentOptions, ParseOptions, SchemaOptions, ToJSOptions } from "yaml";

/**
 * kubectl reads manifests as YAML 1.1 (`yes` is true, `0755` is octal, `<<` merges) but turns
 * timestamps into strings, so this is the schema every part of Plumbline parses with.
 */
export const KUBE_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.1",
  customTags: (tags) => tags.filter((tag) => typeof tag === "string" || tag.tag !== "tag:yaml.org,2002:timestamp"),
  logLevel: "error",
  uniqueKeys: true,
  prettyErrors: false,
};

/** Bounds alias expansion so a "billion laughs" document fails fast instead of eating memory. */
export const TO_JS: ToJSOptions = { maxAliasCount: 1000 };
