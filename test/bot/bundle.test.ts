import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The bot's image runs build/bot-bundle/plumbline-bot.js (deploy/Dockerfile): one esbuild bundle that
 * needs no server package from node_modules. Built here into a temp folder and started for real.
 */

const run = promisify(execFile);
const SECRET = "bundle-test-secret";
let dir: string;
let bot: ChildProcess | undefined;
let url = "";
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plumbline-bot-bundle-"));
  await run(process.execPath, ["scripts/bundle-bot.js", "--outdir", path.join(dir, "out")]);
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  await writeFile(path.join(dir, "key.pem"), privateKey.export({ type: "pkcs1", format: "pem" }));
  bot = spawn(process.execPath, [path.join(dir, "out", "plumbline-bot.js"), "serve"], {
    env: {
      PATH: process.env.PATH ?? "",
      APP_ID: "1",
      PRIVATE_KEY_PATH: path.join(dir, "key.pem"),
      WEBHOOK_SECRET: SECRET,
      // nothing answers there: the bot must serve its own endpoints regardless
      GITHUB_API_URL: "http://127.0.0.1:9",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      PLUMBLINE_CLUSTER_GRANTS: "[]",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bundled bot did not start: ${logs.join("")}`)), 20_000);
    bot?.stderr?.on("data", (chunk) => logs.push(String(chunk)));
    bot?.stdout?.on("data", (chunk) => {
      logs.push(String(chunk));
      const listening = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(logs.join(""));
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    });
  });
}, 60_000);

afterAll(async () => {
  bot?.kill("SIGTERM");
  await rm(dir, { recursive: true, force: true });
});

describe("the bundled bot", () => {
  it("serves health and metrics, and takes a signed delivery while refusing an unsigned one", async () => {
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    expect(await (await fetch(`${url}/metrics`)).text()).toContain("plumbline_bot_");
    const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    const headers = { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "d-1" };
    const signed = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: { ...headers, "x-hub-signature-256": signature },
      body,
    });
    expect(signed.status).toBe(200);
    const unsigned = await fetch(`${url}/api/github/webhooks`, { method: "POST", headers, body });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
  });
});
