import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import type { ClusterGrant } from "../../../bot/grants/grants.js";
import { createLogger } from "../../../bot/logger.js";
import { type Bot, type BotOverrides, createBot } from "../../../bot/main.js";
import type { RepoReport } from "../../../bot/run/runner.js";
import type { BotSettings } from "../../../bot/settings.js";
import { type KubeApi, startKubeApi, type TestKubeconfig, writeKubeconfig } from "../../support/kube-api/index.js";
import { discovery, GIT_PASSWORD, liveShop, type ShopState } from "./cluster.js";
import type { FakeRepo } from "./fake-github/repo.js";
import { FakeGitHub } from "./fake-github/server.js";

/**
 * One drift bot wired to a fake GitHub and a recorded cluster, both on 127.0.0.1, with the App's
 * key made fresh for the test run and every log line kept.
 */

let keys: { privateKey: string; publicKey: string } | undefined;

export function appKeys(): { privateKey: string; publicKey: string } {
  keys ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return keys;
}

export const OWNER = "octo-org";
export const REPO = "shop-deploy";

export const CONFIG = `# drift bot configuration
drift:
  clusters:
    - name: prod
      context: recorded
      namespaces: [shop]
      paths: [clusters/prod]
  schedule: 30
  pr:
    labels: [drift]
    reviewers: [mona]
`;

export const SETTINGS_YAML = `# Shop settings: owned by the platform team
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-settings
  namespace: shop
data:
  LOG_LEVEL: info # keep at info in prod
  CURRENCY: EUR
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-flags
  namespace: shop
data:
  ROLLOUT_PERCENT: "10"
`;

export const SECRET_YAML = `apiVersion: v1
kind: Secret
metadata:
  name: shop-db
  namespace: shop
type: Opaque
data:
  password: ${Buffer.from(GIT_PASSWORD).toString("base64")}
`;

/** What the operator grants in tests: both contexts of the test kubeconfig, to this repository, in `shop`. */
export const GRANTS: readonly ClusterGrant[] = ["recorded", "elsewhere"].map((context) => ({
  context,
  inCluster: false,
  installations: [],
  owners: [],
  repositories: [`${OWNER}/${REPO}`],
  namespaces: ["shop"],
  clusterScoped: false,
}));

/** plugin-throttling spaces writes a second apart; tests keep the order but not the wait. */
const immediate = {
  key: () => ({ schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => job(...args) }),
};

/** What every test bot runs with: no spacing between writes, retries after milliseconds, not seconds. */
export const TEST_OVERRIDES: BotOverrides = {
  octokit: {
    throttle: { write: immediate, notifications: immediate, retryAfterBaseValue: 5 },
    retry: { retryAfterBaseValue: 5 },
  },
  live: { retries: 1, backoffMs: 1, sleep: async () => {} },
};

export interface WorldOptions {
  readonly config?: string | null;
  readonly files?: Readonly<Record<string, string>>;
  readonly shop?: ShopState;
  /** the operator's grants; GRANTS when absent */
  readonly grants?: readonly ClusterGrant[];
  readonly overrides?: BotOverrides;
  /** share GitHub and the cluster with another world (a second replica) */
  readonly github?: FakeGitHub;
  readonly api?: KubeApi;
}

export interface World {
  readonly github: FakeGitHub;
  readonly repo: FakeRepo;
  readonly api: KubeApi;
  readonly kubeconfig: TestKubeconfig;
  readonly bot: Bot;
  readonly settings: BotSettings;
  readonly logs: string[];
  /** one check of the repository, as `drift --once` (or, with a trigger, the scheduler) starts it */
  check(trigger?: "schedule" | "push" | "command" | "once"): Promise<RepoReport>;
  close(): Promise<void>;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const { privateKey, publicKey } = appKeys();
  const shared = options.github !== undefined;
  const github = options.github ?? new FakeGitHub(publicKey);
  if (!shared) await github.start();
  const repo = shared ? github.repo(`${OWNER}/${REPO}`) : github.addRepo(OWNER, REPO);
  if (!shared) {
    const config = options.config === undefined ? CONFIG : options.config;
    repo.commit("main", {
      "README.md": "# shop deploy\n",
      ...(config === null ? {} : { ".github/plumbline.yml": config }),
      "clusters/prod/settings.yaml": SETTINGS_YAML,
      "clusters/prod/db-secret.yaml": SECRET_YAML,
      ...options.files,
    });
    repo.permissions.set("mona", "write");
    repo.permissions.set("outsider", "read");
  }
  const api = options.api ?? (await startKubeApi({ exchanges: [...discovery(), ...liveShop(options.shop)] }));
  const kubeconfig = await writeKubeconfig(api.url);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const settings: BotSettings = {
    appId: "4242",
    privateKey,
    webhookSecret: "webhook-secret-for-tests",
    githubApiUrl: github.url,
    port: 0,
    host: "127.0.0.1",
    logLevel: "debug",
    kubeconfig: kubeconfig.file,
    grants: options.grants ?? GRANTS,
    identity: "replica-a",
    shutdownGraceMs: 10_000,
    clusterTimeoutMs: 5_000,
  };
  const bot = await createBot(settings, {
    ...TEST_OVERRIDES,
    log: createLogger("debug", sink),
    ...options.overrides,
  });
  return {
    github,
    repo,
    api,
    kubeconfig,
    bot,
    settings,
    logs,
    check: (trigger = "once") =>
      bot.runner.checkRepository(
        { owner: OWNER, repo: REPO, defaultBranch: "main", installationId: github.installationId },
        trigger,
      ),
    close: async () => {
      await bot.tasks.idle();
      await kubeconfig.dispose();
      if (!options.api) await api.close();
      if (!shared) await github.close();
    },
  };
}
