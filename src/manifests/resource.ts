/** The shapes the loader hands to everything after it. Plain data plus one lookup function. */

export type KubeObject = Record<string, unknown>;

/** A mapping (not null, not a list): what parsed YAML gives for an object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export interface ResourceId {
  readonly apiVersion: string;
  readonly kind: string;
  /** as written in the manifest; absent for cluster-scoped objects or when left to the context */
  readonly namespace?: string;
  readonly name: string;
}

export interface SourceLocation {
  readonly line: number;
  readonly column: number;
  /** set when the field lives in another file than the resource's own (a Kustomize patch) */
  readonly file?: string;
}

/**
 * Where the value behind a finding was set, when that is another file than the finding's: the Helm
 * values line a template took it from. A fix of the finding edits this line, not the template.
 */
export interface ValueSource {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON pointer of the value in that file's YAML document */
  readonly pointer: string;
  /** the field of the resource (JSON pointer) that value became: a fix at or below it edits `pointer` instead */
  readonly field: string;
  /** false when the value is only part of the field (`image: "{{ .repository }}:{{ .tag }}"`): named, never fixed */
  readonly exact: boolean;
}

export interface ResourceSource {
  /** the path as the user gave it (or the path under a directory they gave) */
  readonly file: string;
  /** index of the YAML document in the file, 0-based */
  readonly documentIndex: number;
  /** index inside a `kind: List`, when the object is one of its items */
  readonly listIndex?: number;
  /**
   * Line and column (1-based) of the key a JSON pointer names, or of the nearest existing parent
   * when the field is absent. Rendered resources (Kustomize) point at their source document.
   */
  readonly locate: (pointer: string) => SourceLocation;
  /** Helm: the values file and line that set the field, when a template took it from `.Values` */
  readonly valueSource?: (pointer: string) => ValueSource | undefined;
}

/**
 * How an object came out of a renderer rather than straight from a file: the tool and the directory it
 * rendered (the kustomization's directory, the chart's directory), as displayed. Doors read this instead
 * of parsing `scope`: a rendered object's `source` points at the document it came from, but the text
 * there is not the object as applied, so suggestions and write-backs must not treat it as such.
 */
export interface RenderedBy {
  readonly tool: "kustomize" | "helm";
  /** the kustomization directory or the chart directory, as displayed */
  readonly root: string;
  /** Helm only: the release name the chart was rendered with */
  readonly release?: string;
  /** Helm only: the value set, as findings name it (each is judged on its own, like an overlay) */
  readonly valueSet?: string;
  /** Helm only: the `helm.sh/hook` events when the object is a hook or a chart test */
  readonly hook?: string;
  /**
   * Helm only: the chart's templates call random or certificate generators (`randAlphaNum`,
   * `genSelfSignedCert`): a value no values file sets may be made at install, not committed
   */
  readonly generatesValues?: boolean;
}

export interface Resource extends ResourceId {
  readonly object: KubeObject;
  readonly source: ResourceSource;
  /** absent for objects read as written (plain files, stdin) */
  readonly renderedBy?: RenderedBy;
  /**
   * Resources are only compared with others of the same scope: the plain files of one directory,
   * or one Kustomize rendering. Two environments' overlays never see each other.
   */
  readonly scope: string;
}

/** Something wrong with the input itself rather than with a resource. */
export interface LoadProblem {
  readonly kind:
    | "syntax"
    | "duplicate-key"
    | "too-large"
    | "binary"
    | "unreadable"
    | "not-rendered"
    /** `kubectl kustomize` failed */
    | "build-failed"
    /** a manifest in a Kustomize directory that no kustomization lists */
    | "not-listed"
    /** a Kustomize Component that no kustomization in the paths uses */
    | "unused-component"
    /** a Go/Helm template: not a manifest until rendered */
    | "template"
    /** a symbolic link that was not followed (outside the root, a loop, dangling) */
    | "symlink"
    /** `helm template` failed */
    | "helm-failed"
    /** a Helm chart, and no helm on PATH to render it */
    | "no-helm";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** set when the problem belongs to a document that did parse far enough to be identified */
  readonly resource?: Partial<ResourceId>;
}

/**
 * Problems after which objects that Git applies may be missing from the set: a file or a build that
 * did not load. The others concern what is never applied as it stands (a template, a file no
 * kustomization lists, an unused Component, a link leading out) or what loaded anyway (a duplicate key).
 * Drift refuses to compare after these, or the objects would look missing from Git.
 */
const HIDES_APPLIED_OBJECTS: ReadonlySet<LoadProblem["kind"]> = new Set([
  "syntax",
  "too-large",
  "unreadable",
  "not-rendered",
  "build-failed",
  "helm-failed",
  "no-helm",
]);

export function hidesAppliedObjects(problem: LoadProblem): boolean {
  return HIDES_APPLIED_OBJECTS.has(problem.kind);
}

export interface ManifestSet {
  readonly resources: Resource[];
  readonly problems: LoadProblem[];
  /** files read (including those that held no Kubernetes objects) */
  readonly files: string[];
}

/** `apps` for `apps/v1`, `` (core) for `v1`. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}
