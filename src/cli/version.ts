import { TOOL } from "../report/tool.js";

export const VERSION: string = TOOL.version;
