// The file the runner starts (through dist/index.js): everything else lives in main.ts.
import { run } from "./main.js";

await run();
