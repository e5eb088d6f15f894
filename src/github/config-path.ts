import path from "node:path";
import { CONFIG_PATH } from "../config/load.js";

/**
 * The repository's configuration as a forge names it (`/`-separated, from the root): the core's one
 * CONFIG_PATH, which is an OS path. The Action's `config` input defaults to it; the bot reads only it.
 */
export const CONFIG_FILE = CONFIG_PATH.split(path.sep).join(path.posix.sep);
