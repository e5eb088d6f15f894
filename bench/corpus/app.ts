import type { Random } from "./prng.js";

/** One application of the fictional organisation: every object of a bundle is derived from it. */
export interface App {
  readonly name: string;
  readonly namespace: string;
  readonly team: string;
  readonly labels: Record<string, string>;
  readonly port: number;
  readonly image: string;
}

const TEAMS = ["payments", "search", "identity", "platform", "growth", "data", "checkout", "media", "notify", "ledger"];
const NOUNS = [
  "api",
  "worker",
  "gateway",
  "indexer",
  "scheduler",
  "frontend",
  "backend",
  "cache",
  "broker",
  "exporter",
  "sync",
  "auth",
  "billing",
  "renderer",
  "ingest",
  "router",
];
const ENVIRONMENTS = ["prod", "staging", "dev"];
const REGISTRIES = ["ghcr.io/acme", "registry.acme.internal", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "docker.io/acme"];

export function createApp(random: Random, index: number): App {
  const team = random.pick(TEAMS);
  const name = `${team}-${random.pick(NOUNS)}-${index}`;
  const environment = random.pick(ENVIRONMENTS);
  return {
    name,
    namespace: `${team}-${environment}`,
    team,
    labels: {
      "app.kubernetes.io/name": name,
      "app.kubernetes.io/part-of": team,
      "app.kubernetes.io/managed-by": random.pick(["helm", "kustomize", "argocd", "kubectl"]),
      ...(random.chance(0.5)
        ? { "app.kubernetes.io/version": `${random.int(1, 9)}.${random.int(0, 40)}.${random.int(0, 9)}` }
        : {}),
      environment,
    },
    port: random.pick([8080, 8000, 3000, 9090, 5000, 80]),
    image: `${random.pick(REGISTRIES)}/${name}`,
  };
}

export function selectorOf(app: App): Record<string, string> {
  return { "app.kubernetes.io/name": app.name };
}
