// `npm run corpus`: prints how far Plumbline's registered rules agree with the peers' labelled fixtures.
import { evaluateAgreement, unexplained } from "./agreement.js";
import { formatReport } from "./format.js";

const report = await evaluateAgreement();
console.log(formatReport(report));
// the same conditions the agreement test enforces, so CI can run either
if (unexplained(report).length > 0 || report.stale.length > 0) process.exitCode = 1;
