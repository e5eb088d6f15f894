import { Writable } from "node:stream";
import { createLogger } from "../../../bot/logger.js";
import { createBot } from "../../../bot/main.js";
import { discovery, liveShop } from "../../bot/support/cluster.js";
import { FakeGitHub } from "../../bot/support/fake-github/server.js";
import { CONFIG, GRANTS, OWNER, REPO, SECRET_YAML, SETTINGS_YAML, TEST_OVERRIDES } from "../../bot/support/harness.js";
import { startKubeApi, writeKubeconfig } from "../../support/kube-api/index.js";
import { seededRsaKeyPair } from "./seeded-rsa.js";

/**
 * Runs the drift bot as `npm run bot` builds it (createBot) against the bot tests' fake GitHub and
 * recorded cluster, and keeps what it wrote: the drift pull request's body and the dashboard issue's.
 * The cluster has drifted three ways: a person's `kubectl edit` of a ConfigMap, a controller's change,
 * and a Secret's value. Two things are pinned so the output is the same on every run: the clock, and
 * the App's key (the bot keys Secret fingerprints with it).
 */

export interface BotOutput {
  readonly pull: { readonly number: number; readonly title: string; readonly body: string };
  readonly dashboard: { readonly number: number; readonly title: string; readonly body: string };
}

/** The day after the cluster's recorded `kubectl edit` (test/bot/support/cluster.ts). */
const NOW = Date.parse("2025-03-05T09:30:00Z");

/** prod drifts; staging's context points at a closed port, so the dashboard shows both states. */
function config(): string {
  const prodPaths = "      paths: [clusters/prod]\n";
  if (!CONFIG.includes(prodPaths)) throw new Error("the bot tests' CONFIG no longer has prod's paths line");
  const staging = "    - name: staging\n      context: elsewhere\n      namespaces: [shop]\n      paths: [clusters/prod]\n";
  return `${CONFIG.replace(prodPaths, prodPaths + staging)}  dashboard: true\n`;
}

export async function driftRun(): Promise<BotOutput> {
  return withClock(NOW, async () => {
    const { privateKey, publicKey } = seededRsaKeyPair("plumbline docs/screenshots");
    const github = new FakeGitHub(publicKey);
    await github.start();
    const repo = github.addRepo(OWNER, REPO);
    repo.commit("main", {
      "README.md": "# shop deploy\n",
      ".github/plumbline.yml": config(),
      "clusters/prod/settings.yaml": SETTINGS_YAML,
      "clusters/prod/db-secret.yaml": SECRET_YAML,
    });
    const api = await startKubeApi({
      exchanges: [...discovery(), ...liveShop({ logLevel: "debug", rollout: "50", password: "rotated-by-hand-7731" })],
    });
    const kubeconfig = await writeKubeconfig(api.url);
    const logs: string[] = [];
    const bot = await createBot(
      {
        appId: "4242",
        privateKey,
        webhookSecret: "webhook-secret-for-screenshots",
        githubApiUrl: github.url,
        port: 0,
        host: "127.0.0.1",
        logLevel: "warn",
        kubeconfig: kubeconfig.file,
        grants: GRANTS,
        identity: "replica-a",
        shutdownGraceMs: 10_000,
        clusterTimeoutMs: 5_000,
      },
      { ...TEST_OVERRIDES, log: createLogger("warn", logSink(logs)) },
    );
    try {
      await bot.runner.checkRepository(
        { owner: OWNER, repo: REPO, defaultBranch: "main", installationId: github.installationId },
        "once",
      );
      await bot.tasks.idle();
      const pull = repo.openPulls()[0];
      if (!pull) throw new Error(`the bot opened no drift pull request:\n${logs.join("")}`);
      const dashboard = repo.issues.find((issue) => issue.state === "open" && /dashboard/i.test(issue.title));
      if (!dashboard) throw new Error("the bot opened no dashboard issue (drift.dashboard: true)");
      return {
        pull: { number: pull.number, title: pull.title, body: pull.body },
        dashboard: { number: dashboard.number, title: dashboard.title, body: dashboard.body },
      };
    } finally {
      await kubeconfig.dispose();
      await api.close();
      await github.close();
    }
  });
}

function logSink(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
}

/**
 * Runs `work` with `Date` stopped at `instant` (timers still run): the bot stamps its pull request with
 * the time it compared, and the fake GitHub dates its commits, so a moving clock would change the output.
 */
async function withClock<T>(instant: number, work: () => Promise<T>): Promise<T> {
  const RealDate = globalThis.Date;
  class StoppedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(instant);
      else super(...(args as [string]));
    }
    static override now(): number {
      return instant;
    }
  }
  globalThis.Date = StoppedDate as DateConstructor;
  try {
    return await work();
  } finally {
    globalThis.Date = RealDate;
  }
}
