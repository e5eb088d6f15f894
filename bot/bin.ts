#!/usr/bin/env node
/**
 * plumbline-bot — the drift bot.
 *
 *   plumbline-bot [serve]        webhooks, schedule, /health and /metrics until SIGTERM
 *   plumbline-bot drift --once   check every installed repository once, then exit (CronJob, Actions cron)
 *
 * Configuration comes from the environment (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET,
 * GITHUB_API_URL, KUBECONFIG, PLUMBLINE_LEASE_NAMESPACE, POD_NAME, PORT, LOG_LEVEL); see docs/bot.md.
 */

import { driftOnce, serve } from "./main.js";
import { readSettings, SettingsError } from "./settings.js";

const USAGE = `usage: plumbline-bot [serve]
       plumbline-bot drift --once

Environment: APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET (serve), GITHUB_API_URL,
KUBECONFIG, PLUMBLINE_LEASE_NAMESPACE, POD_NAME, PORT, HOST, LOG_LEVEL. See docs/bot.md.
`;

async function main(args: readonly string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [command = "serve", ...rest] = args;
  const once = command === "drift" && rest.length === 1 && rest[0] === "--once";
  if (command !== "serve" && !once) {
    process.stderr.write(`plumbline-bot: unknown command ${args.join(" ")}\n${USAGE}`);
    return 2;
  }
  // `--once` receives no webhooks, so it needs no webhook secret
  const env = once ? { WEBHOOK_SECRET: "unused", ...process.env } : process.env;
  let settings: ReturnType<typeof readSettings>;
  try {
    settings = readSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    process.stderr.write(`plumbline-bot: ${error.message}\n`);
    return 2;
  }
  if (once) return driftOnce(settings);
  await serve(settings);
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`plumbline-bot: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
});
