/**
 * The environment of the renderers Plumbline runs offline (`helm template`, `kubectl kustomize` with
 * nothing remote allowed). They get what they need to run and nothing else: the process may hold
 * credentials in its environment (the bot's App key and webhook secret, a CI token), and a renderer
 * never needs them. Their homes are in the temp folder: the bot's root filesystem is read-only.
 * Network access is cut off too, in case a remote reference slipped past the checks that refuse them.
 */

import { tmpdir } from "node:os";
import path from "node:path";

/** What a program needs to start and find its helpers, on Linux, macOS and Windows. */
const PASSED_THROUGH = ["PATH", "Path", "SystemRoot", "SYSTEMROOT", "TEMP", "TMP", "TMPDIR", "LANG", "LC_ALL", "TZ"];

/** git refuses every transport but local files; HTTP(S) goes to a proxy that does not exist. */
const OFFLINE = {
  GIT_ALLOW_PROTOCOL: "file",
  GIT_TERMINAL_PROMPT: "0",
  HTTP_PROXY: "http://127.0.0.1:9",
  HTTPS_PROXY: "http://127.0.0.1:9",
  http_proxy: "http://127.0.0.1:9",
  https_proxy: "http://127.0.0.1:9",
  NO_PROXY: "",
  no_proxy: "",
  HELM_NO_PLUGINS: "1",
};

export function offlineToolEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const home = path.join(tmpdir(), "plumbline-tool-home");
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_THROUGH) if (source[name] !== undefined) env[name] = source[name];
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    HELM_CACHE_HOME: path.join(home, "cache"),
    HELM_CONFIG_HOME: path.join(home, "config"),
    HELM_DATA_HOME: path.join(home, "data"),
    ...OFFLINE,
  };
}
