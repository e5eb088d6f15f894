// `npm start`, second half: show `plumbline drift` on the example snapshot. Drift found (exit 1) is the
// point of the demo, so only a real error (exit 2) fails the script.
import { spawnSync } from "node:child_process";

const args = ["build/cli/plumbline.js", "drift", "--git", "examples/shop", "--live", "examples/live"];
console.log(`\n$ plumbline ${args.slice(1).join(" ")}\n`);
const { status } = spawnSync(process.execPath, args, { stdio: "inherit" });
process.exitCode = status === 2 || status === null ? 2 : 0;
