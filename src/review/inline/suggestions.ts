import * as core from "@actions/core";
import type { CheckResult } from "../src/check.js";
import { suggestionFor } from "../src/edit/index.js";
import type { Finding } from "../src/findings/finding.js";
import type { Resource } from "../src/manifests/resource.js";
import type { HeadFiles } from "./head-files.js";
import type { Suggestion } from "./review-comments.js";

/**
 * Turns a finding's JSON Patch fix into a suggested change of the head file's lines, through the one
 * edit engine (src/edit). Only for objects written as they are in their file: a Kustomize rendering
 * differs from any one file, so a patch against it is no edit of the text under review.
 */
export function suggesterFor(head: CheckResult, files: HeadFiles): (finding: Finding) => Suggestion | undefined {
  return (finding) => {
    if (!finding.fix || finding.fix.length === 0) return undefined;
    const resource = head.manifests.resources.find((candidate) => isPlainSourceOf(candidate, finding));
    const text = files.text(finding.file);
    if (!resource || text === undefined) return undefined;
    try {
      const target = {
        documentIndex: resource.source.documentIndex,
        ...(resource.source.listIndex !== undefined ? { listIndex: resource.source.listIndex } : {}),
      };
      return suggestionFor(text, target, finding.fix);
    } catch (error) {
      // the edit engine declines what it cannot do faithfully: the comment then goes without a suggestion
      core.debug(`no suggestion for ${finding.rule} at ${finding.file}:${finding.line}: ${(error as Error).message}`);
      return undefined;
    }
  };
}

function isPlainSourceOf(resource: Resource, finding: Finding): boolean {
  return (
    // a rendered object's text in its source file is not the object as applied, so a suggestion made
    // from it could be wrong; the loader marks every rendering (Kustomize, Helm) with renderedBy
    resource.renderedBy === undefined &&
    resource.source.file === finding.file &&
    resource.apiVersion === finding.resource.apiVersion &&
    resource.kind === finding.resource.kind &&
    resource.name === finding.resource.name &&
    (resource.namespace ?? null) === finding.resource.namespace
  );
}
