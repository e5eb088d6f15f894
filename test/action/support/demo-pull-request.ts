import { readFile } from "node:fs/promises";
import path from "node:path";
import { FixtureRepo } from "./fixture-repo.js";
import { ROOT } from "./run-action.js";

/**
 * The examples/ pull request: a new cache service with problems, a fixed memory limit, and a
 * liveness probe dropped far below its container's first line. Shared by the Action's tests and by
 * `npm run screenshot` (test/docs/support/action-pages.ts), so the screenshots show what the tests check.
 */

/** A new service with an error, a warning, and an API removed long ago (which has a fix). */
export const CACHE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      containers:
        - name: redis
          image: redis:latest
          resources:
            requests:
              memory: 512Mi
            limits:
              memory: 256Mi
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: cache
  namespace: shop
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: cache
`;

const LIVENESS_PROBE =
  "          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: http\n            initialDelaySeconds: 10\n            periodSeconds: 10\n";

/** Replaces text that must be there: a changed example fails loudly instead of testing nothing. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the example no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

export function exampleFile(file: string): Promise<string> {
  return readFile(path.join(ROOT, "examples", file), "utf8");
}

export interface DemoRepository {
  readonly fixture: FixtureRepo;
  readonly base: string;
  readonly head: string;
}

/** A repository holding examples/ as the base commit and the demo change as the head commit. */
export async function demoRepository(): Promise<DemoRepository> {
  const fixture = await FixtureRepo.create();
  await fixture.copyFrom(path.join(ROOT, "examples"), "examples");
  const base = await fixture.commit("base: the examples as they are");
  const frontend = await exampleFile("shop/frontend/deployment.yaml");
  const checkout = await exampleFile("shop/checkout/deployment.yaml");
  const head = await fixture.commit("a cache, a fixed limit, and a dropped liveness probe", {
    "examples/shop/cache/deployment.yaml": CACHE,
    "examples/shop/checkout/deployment.yaml": edit(checkout, "memory: 1000M", "memory: 1Gi"),
    "examples/shop/frontend/deployment.yaml": edit(frontend, LIVENESS_PROBE, ""),
  });
  return { fixture, base, head };
}
