import type { Operation } from "fast-json-patch";
import type { FixApplicability, Severity } from "../findings/finding.js";
import type { ResourceGraph } from "../graph/graph.js";
import type { LoadProblem, Resource } from "../manifests/resource.js";

export type Category = "input" | "reliability" | "resources" | "security" | "images" | "api-versions" | "links" | "networking";

/** What a rule says about one place in one resource. */
export type Hit = HitWithoutFix | HitWithFix;

interface HitWithoutFix extends HitBase {
  readonly fix?: undefined;
}

/** A fix always says whether it is safe: a rule cannot leave it to a default. */
interface HitWithFix extends HitBase {
  readonly fix: Operation[];
  readonly fixApplicability: FixApplicability;
}

/** The hit, with the fix when there is one: how rules attach a fix they may not have. */
export function withFix(hit: HitBase, fix: Operation[] | undefined, fixApplicability: FixApplicability): Hit {
  return fix ? { ...hit, fix, fixApplicability } : hit;
}

interface HitBase {
  /** JSON pointer to the field (or its nearest existing parent); the location comes from it */
  readonly path: string;
  readonly message: string;
  /**
   * a milder severity for this hit than the rule's (a duplicate across alternative files is only a
   * notice); a severity set for the rule in the configuration still wins
   */
  readonly severity?: Severity;
}

export interface RuleContext {
  /** the other resources of the same scope, indexed */
  readonly graph: ResourceGraph;
  /** `major.minor` that api-version rules judge against */
  readonly kubernetesVersion: string;
  /**
   * Files of the run skipped unread because they are templates (`replicas: {{replicas}}`): the
   * objects in them are unknown, so a rule that says "nothing here matches" cannot be sure near them
   */
  readonly templateFiles?: readonly string[];
}

/** Names under which the peer linters know the same check: drives opt-out annotations and agreement. */
export interface PeerChecks {
  readonly kubeLinter?: readonly string[];
  readonly kubeScore?: readonly string[];
  readonly polaris?: readonly string[];
}

interface RuleMeta {
  /** kebab-case and stable forever */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: Category;
  /** why it matters, in a sentence or two a reviewer can act on */
  readonly why: string;
  readonly peers?: PeerChecks;
}

/** A rule about Kubernetes objects. */
export interface Rule extends RuleMeta {
  readonly appliesTo: (resource: Resource) => boolean;
  readonly check: (resource: Resource, context: RuleContext) => Hit[];
}

/** A rule about the input itself (syntax, unreadable files): the loader's problems are its subject. */
export interface InputRule extends RuleMeta {
  readonly appliesTo: (problem: LoadProblem) => boolean;
  readonly check: (problem: LoadProblem) => Hit[];
}

export const DOCS_BASE = "https://github.com/plumbline-dev/plumbline/blob/main/docs/rules";
