/**
 * The lock shared by replicas: one coordination.k8s.io/v1 Lease per repository and cluster, in the
 * bot's own namespace, taken and released with optimistic concurrency (resourceVersion), the way
 * Kubernetes' own leader election does it. A replica that dies mid-run loses the Lease when its
 * duration runs out.
 */

import { createHash } from "node:crypto";
import { CoordinationV1Api, type KubeConfig, type V1Lease, V1MicroTime } from "@kubernetes/client-node";
import type { CheckLock, HeldLock, LockRequest } from "./lock.js";

const STATE = "plumbline.dev/state";
const CHECK = "plumbline.dev/check";

export interface LeaseLockOptions {
  readonly namespace: string;
  /** holderIdentity: the pod's name */
  readonly identity: string;
  readonly now?: () => number;
}

export class LeaseLock implements CheckLock {
  private readonly api: CoordinationV1Api;
  private readonly now: () => number;

  constructor(
    config: KubeConfig,
    private readonly options: LeaseLockOptions,
  ) {
    this.api = config.makeApiClient(CoordinationV1Api);
    this.now = options.now ?? Date.now;
  }

  async acquire(request: LockRequest): Promise<HeldLock | undefined> {
    const name = leaseName(request.key);
    const namespace = this.options.namespace;
    const existing = await this.api.readNamespacedLease({ name, namespace }).catch((error: unknown) => {
      if (codeOf(error) === 404) return undefined;
      throw error;
    });
    if (existing && !this.free(existing, request)) return undefined;
    const wanted = this.lease(name, request.key, "running", request.runForMs, existing);
    let written: V1Lease;
    try {
      written = existing
        ? await this.api.replaceNamespacedLease({ name, namespace, body: wanted })
        : await this.api.createNamespacedLease({ namespace, body: wanted });
    } catch (error) {
      // 409: another replica wrote it between our read and our write; it won
      if (codeOf(error) === 409) return undefined;
      throw error;
    }
    return {
      release: async (holdForMs) => {
        const done = this.lease(name, request.key, "done", holdForMs, written);
        await this.api.replaceNamespacedLease({ name, namespace, body: done }).catch((error: unknown) => {
          if (codeOf(error) !== 409 && codeOf(error) !== 404) throw error;
        });
      },
    };
  }

  private free(lease: V1Lease, request: LockRequest): boolean {
    const spec = lease.spec ?? {};
    const renewed = spec.renewTime ? new Date(spec.renewTime).getTime() : 0;
    const expired = renewed + (spec.leaseDurationSeconds ?? 0) * 1000 <= this.now();
    // unexpired: a scheduled check waits for its interval; an asked-for one only for a run in flight
    return expired || (!request.scheduled && lease.metadata?.annotations?.[STATE] !== "running");
  }

  private lease(
    name: string,
    key: string,
    state: "running" | "done",
    durationMs: number,
    previous: V1Lease | undefined,
  ): V1Lease {
    const now = new V1MicroTime(this.now());
    const taken = previous?.spec?.holderIdentity !== this.options.identity;
    return {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: {
        name,
        namespace: this.options.namespace,
        ...(previous?.metadata?.resourceVersion ? { resourceVersion: previous.metadata.resourceVersion } : {}),
        labels: { "app.kubernetes.io/managed-by": "plumbline-bot" },
        annotations: { [CHECK]: key, [STATE]: state },
      },
      spec: {
        holderIdentity: this.options.identity,
        leaseDurationSeconds: Math.max(1, Math.ceil(durationMs / 1000)),
        acquireTime: taken || !previous?.spec?.acquireTime ? now : previous.spec.acquireTime,
        renewTime: now,
        leaseTransitions: (previous?.spec?.leaseTransitions ?? 0) + (taken && previous ? 1 : 0),
      },
    };
  }
}

/** A valid object name for any key: `plumbline-drift-` and a hash (the key itself is an annotation). */
export function leaseName(key: string): string {
  return `plumbline-drift-${createHash("sha256").update(key).digest("hex").slice(0, 24)}`;
}

function codeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}
