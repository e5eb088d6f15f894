// Preloaded (node --import) into the Action under test: any TCP connection to an address outside
// the loopback range is refused and written to PLUMBLINE_NETWORK_LOG, so a test can prove that the
// mock on 127.0.0.1 is the only thing the Action talked to. (test/action/network-guard.test.ts
// checks the guard itself.)
import { appendFileSync } from "node:fs";
import net from "node:net";

const log = process.env.PLUMBLINE_NETWORK_LOG;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;
const connect = net.Socket.prototype.connect;

/** Where a connect() call goes: net.connect() passes its normalised arguments as one array. */
function destination(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null) return first.path !== undefined ? undefined : (first.host ?? "localhost");
  if (typeof first === "string" && Number.isNaN(Number(first))) return undefined; // a pipe path
  return typeof args[1] === "string" ? args[1] : "localhost";
}

net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = destination(args);
  if (host !== undefined && !LOOPBACK.test(String(host).replace(/^\[|\]$/g, ""))) {
    if (log) appendFileSync(log, `${host}\n`);
    throw new Error(`network guard: connection to ${host} refused (tests talk to 127.0.0.1 only)`);
  }
  return connect.apply(this, args);
};
