/** The shapes drift detection hands to the reports, the write-back and the bot. Plain data only. */

import type { Operation } from "fast-json-patch";

export type DriftStatus = "modified" | "missing" | "extra";

/**
 * Who changed a field, by the managedFields entry that owns it:
 * - `gitops`: the applier (Argo CD, Flux, Helm). Git is ahead of the cluster: a pending sync, not drift.
 * - `imperative`: a person or script (kubectl edit/set/patch, dashboards). Real drift: write it back or revert it.
 * - `controller`: something in the cluster that owns the field (HPA via the scale subresource, VPA,
 *   cert-manager's cainjector). Drift to silence with an ignore rule, never to write to Git.
 * - `unowned`: no entry owns the field (API-server defaults, webhooks). Not drift.
 */
export type Actor = "gitops" | "imperative" | "controller" | "unowned";

export interface FieldOwner {
  readonly manager: string;
  readonly operation?: string;
  readonly subresource?: string;
  readonly time?: string;
  readonly actor: Actor;
  /**
   * The field was removed, so no entry owns it any more: this is the latest imperative update of
   * its parent, the likely author rather than a recorded one.
   */
  readonly inferred?: true;
}

export interface DriftChange {
  /** JSON pointer into the Git object; for a field only the cluster has, where it would be added */
  readonly path: string;
  /** readable path with list items named by their key: `spec.template.spec.containers[web].image` */
  readonly display: string;
  /** the value Git declares; undefined when Git does not declare the field. Secret values are fingerprints. */
  readonly git: unknown;
  /** the value in the cluster; undefined when the cluster does not have the field */
  readonly live: unknown;
  readonly owner?: FieldOwner;
  /** a list item the cluster has beyond Git's items: the patch appends it (`/-`) */
  readonly appended?: boolean;
  /** set when the change must not be written to Git, with the reason */
  readonly noWrite?: string;
  /** its values are secrets shown as fingerprints (a Secret's data, a credential env var): never patched */
  readonly secret?: true;
  /** removed, with managedFields present but no imperative update of its parent: who removed it is unknown */
  readonly unattributed?: true;
  /** for controller-owned changes: the ignore rule that would silence this drift */
  readonly suggestIgnore?: {
    readonly kind: string;
    readonly name: string;
    readonly pointer: string;
    /** the controller that owns the field: the rule trusts it on this object */
    readonly manager?: string;
    /** the pointer as a jq path that names list items (`containers[] | select(.name == "web")`) */
    readonly jqPath?: string;
  };
}

export interface Drift {
  readonly apiVersion: string;
  readonly kind: string;
  /** "" for cluster-scoped objects */
  readonly namespace: string;
  readonly name: string;
  readonly status: DriftStatus;
  /** where Git declares the object (absent for extras) */
  readonly file?: string;
  /** 1-based line of the object in `file` */
  readonly line?: number;
  readonly documentIndex?: number;
  /** the item of a `kind: List` document, when the object is one */
  readonly listIndex?: number;
  /** the object comes out of a Kustomize rendering: its fields cannot be written back one to one */
  readonly rendered?: boolean;
  readonly changes: DriftChange[];
  /** RFC 6902 operations that turn the Git object into the live one (never carrying Secret values) */
  readonly patch: Operation[];
}

export interface DriftSummary {
  /** objects Git declares (after ignore rules) */
  readonly git: number;
  /** live objects read */
  readonly live: number;
  readonly inSync: number;
  readonly modified: number;
  readonly missing: number;
  readonly extra: number;
  readonly changes: number;
  /** changes by who made them (`unknown` when the cluster did not say) */
  readonly byActor: Readonly<Record<"imperative" | "controller" | "unknown", number>>;
  /** fields where Git is ahead of what the GitOps applier last synced: not drift */
  readonly pendingSync: number;
  /** the source the live objects came from, for the report header */
  readonly source: string;
}

/** A field where Git is ahead of what the GitOps applier last synced: the next sync applies it. */
export interface PendingField {
  readonly kind: string;
  /** "" for cluster-scoped objects */
  readonly namespace: string;
  readonly name: string;
  /** readable path, as DriftChange.display */
  readonly field: string;
}

export interface DriftResult {
  readonly drifts: Drift[];
  /** the fields behind `summary.pendingSync`, in the order found */
  readonly pending?: PendingField[];
  readonly summary: DriftSummary;
  /** things the user should know that are not drift: an unsupported ignore expression, an unlisted kind */
  readonly warnings: string[];
}
