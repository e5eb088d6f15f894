// `npm run corpus`: prints how far Plumbline's registered rules agree with the peers' labelled fixtures.
import { peerCorpora } from "../support/shared.js";
import { evaluateAgreement, unexplained } from "./agreement.js";
import { formatReport } from "./format.js";

if (!peerCorpora.present) {
  console.error(`npm run corpus: ${peerCorpora.missing}`);
  process.exit(2);
}
const report = await evaluateAgreement();
console.log(formatReport(report));
// the same conditions the agreement test enforces, so CI can run either
if (unexplained(report).length > 0 || report.stale.length > 0) process.exitCode = 1;
