import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/run-action.js";

/**
 * The guard every Action run is started with must really stop connections that leave 127.0.0.0/8,
 * or "blockedHosts is empty" would prove nothing. Here the socket layer underneath it is replaced by
 * a stub that only records, so this test cannot reach any network whatever the guard does.
 */

const STUB = `data:text/javascript,${encodeURIComponent(`
import net from "node:net";
globalThis.reached = [];
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  globalThis.reached.push(typeof first === "object" ? (first.host ?? first.path) : args[1]);
  throw new Error("stub: no connection is ever made here");
};
`)}`;

const PROBE = `
const tried = [];
for (const url of ["https://api.github.com/repos/o/r", "http://10.0.0.1/", "http://127.0.0.1:39999/", "http://[::1]:39999/"]) {
  try { await fetch(url); } catch (error) { tried.push([url, String(error.cause?.message ?? error.message)]); }
}
console.log(JSON.stringify({ tried, reached: globalThis.reached }));
`;

describe("the network guard", () => {
  it("refuses hosts outside the loopback range before any socket is opened, and lets loopback through", async () => {
    const guard = path.join(ROOT, "test/action/support/network-guard.mjs");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", STUB, "--import", guard, "--input-type=module", "-e", PROBE],
      { env: { PATH: process.env.PATH, PLUMBLINE_NETWORK_LOG: "" } },
    );
    const { tried, reached } = JSON.parse(stdout) as { tried: [string, string][]; reached: string[] };
    expect(tried.map(([url, message]) => [url, message.includes("network guard")])).toEqual([
      ["https://api.github.com/repos/o/r", true],
      ["http://10.0.0.1/", true],
      ["http://127.0.0.1:39999/", false],
      ["http://[::1]:39999/", false],
    ]);
    // only the loopback attempts got past the guard to the (stubbed) socket
    expect(reached.every((host) => /^(127\.0\.0\.1|::1)$/.test(String(host)))).toBe(true);
    expect(reached.length).toBeGreaterThan(0);
  });
});
