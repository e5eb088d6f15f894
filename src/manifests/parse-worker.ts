/**
 * A parsing thread (parse-pool.ts): reads each file's text it is sent with `parseManifestText`, exactly
 * as the main thread would, and posts the result back as plain data (portable.ts).
 */
import { parentPort } from "node:worker_threads";
import { keepLocatorData } from "./locate.js";
import { parseManifestText } from "./parse.js";
import type { ParseJob, ParseReply } from "./parse-pool.js";
import { toPortable } from "./portable.js";

keepLocatorData();
parentPort?.on("message", ({ id, text, file, scope }: ParseJob) => {
  const port = parentPort as NonNullable<typeof parentPort>;
  let reply: ParseReply;
  try {
    const portable = toPortable(parseManifestText(text, file, scope));
    reply = portable ? { id, portable } : { id, here: true };
  } catch {
    // whatever went wrong, the main thread parses the file itself and meets it there
    reply = { id, here: true };
  }
  try {
    port.postMessage(reply);
  } catch {
    // a value the structured clone cannot copy: the main thread parses this file
    port.postMessage({ id, here: true } satisfies ParseReply);
  }
});
