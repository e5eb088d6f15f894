/**
 * vitest globalSetup: one line per `../shared` folder that is absent, so a run on a bare clone says
 * why its corpus tests are skipped (the default reporter does not print skip notes).
 */
import { peerCorpora, realWorld } from "./shared.js";

export default function announceMissingShared(): void {
  for (const material of [peerCorpora, realWorld]) {
    if (!material.present) console.log(`Tests that read ${material.what} are skipped: ${material.missing}`);
  }
}
