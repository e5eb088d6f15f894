/**
 * One phase, once, in a fresh process: its peak RSS is then the tool's own, not whatever an earlier
 * phase left in the heap. Prints one JSON line; the parent parses it.
 * Usage: node build/bench/child.js <phase-id> <manifests-dir>
 */
import { listManifests } from "./files.js";
import { refuseNetwork } from "./offline.js";
import { phaseById } from "./phases/index.js";

const [id = "", dir = ""] = process.argv.slice(2);
refuseNetwork();
const kib = () => process.resourceUsage().maxRSS;
const files = await listManifests(dir);
const start = kib();
const prepared = await phaseById(id).prepare();
const loaded = kib();
const began = performance.now();
const output = await prepared.run({ dir, files });
const wallMs = performance.now() - began;
process.stdout.write(
  `${JSON.stringify({ id, startKiB: start, loadedKiB: loaded, peakKiB: kib(), wallMs, output, details: prepared.details })}\n`,
);
