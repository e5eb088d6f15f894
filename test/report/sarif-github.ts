/**
 * What GitHub code scanning requires of an uploaded SARIF file beyond the 2.1.0 schema, written as
 * checks (docs.github.com, "SARIF support for code scanning" and "SARIF results exceed limit"):
 * the fields it reads, the limits past which it rejects a file, and the links between results and
 * rules a reader of the alert needs. Returns the problems, empty when the file would be taken whole.
 */
export interface GithubRules {
  /** results must carry GitHub's own fingerprint (true when the run had the files' texts) */
  readonly lineHashes?: boolean;
}

const LIMITS = { runs: 20, results: 25_000, rules: 25_000, extensions: 100, locations: 1_000, tags: 20 };

// biome-ignore lint/suspicious/noExplicitAny: a parsed SARIF log is walked field by field
type Json = Record<string, any>;

export function githubSarifProblems(log: Json, options: GithubRules = {}): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (log.version !== "2.1.0") fail("log", `version must be 2.1.0, not ${log.version}`);
  const runs: Json[] = Array.isArray(log.runs) ? log.runs : [];
  if (runs.length === 0 || runs.length > LIMITS.runs) fail("log", `1 to ${LIMITS.runs} runs, not ${runs.length}`);
  runs.forEach((run, r) => {
    const driver = run.tool?.driver ?? {};
    if (typeof driver.name !== "string" || driver.name === "") fail(`run ${r}`, "tool.driver.name is required");
    if ((run.tool?.extensions ?? []).length > LIMITS.extensions) fail(`run ${r}`, "too many tool extensions");
    const rules: Json[] = driver.rules ?? [];
    if (rules.length > LIMITS.rules) fail(`run ${r}`, "too many rules");
    const ids = new Set<string>();
    for (const rule of rules) checkRule(rule, ids, (what) => fail(`rule ${rule.id}`, what));
    const bases = run.originalUriBaseIds ?? {};
    const category = run.automationDetails?.id;
    if (category !== undefined && (typeof category !== "string" || category === "" || !category.includes("/")))
      fail(`run ${r}`, `automationDetails.id must be a category ending in "/", not ${JSON.stringify(category)}`);
    const results: Json[] = Array.isArray(run.results) ? run.results : [];
    if (!Array.isArray(run.results)) fail(`run ${r}`, "results must be present (empty closes alerts)");
    if (results.length > LIMITS.results) fail(`run ${r}`, "too many results");
    results.forEach((result, i) => {
      checkResult(result, rules, bases, options, (what) => fail(`run ${r} result ${i} (${result.ruleId})`, what));
    });
    for (const invocation of run.invocations ?? []) {
      if (typeof invocation.executionSuccessful !== "boolean") fail(`run ${r}`, "invocation.executionSuccessful is required");
    }
  });
  return problems;
}

function checkRule(rule: Json, ids: Set<string>, fail: (what: string) => void): void {
  if (typeof rule.id !== "string" || rule.id === "") fail("id is required");
  if (ids.has(rule.id)) fail("id is not unique");
  ids.add(rule.id);
  if (!rule.shortDescription?.text) fail("shortDescription.text is what the alert's title shows");
  if (!rule.fullDescription?.text) fail("fullDescription.text is what the alert's page shows");
  if (!rule.help?.markdown && !rule.help?.text) fail("help is what the alert's page shows under the title");
  const properties = rule.properties ?? {};
  if ((properties.tags ?? []).length > LIMITS.tags) fail("more than 20 tags");
  if (!["error", "warning", "recommendation"].includes(properties["problem.severity"]))
    fail(`problem.severity must be error, warning or recommendation, not ${properties["problem.severity"]}`);
  const security = properties["security-severity"];
  if (security !== undefined) {
    const score = Number(security);
    if (typeof security !== "string" || !(score >= 0 && score <= 10)) fail("security-severity must be a string from 0.0 to 10.0");
  }
  if ((properties.tags ?? []).includes("security") && security === undefined) fail("a security rule needs security-severity");
}

function checkResult(result: Json, rules: Json[], bases: Json, options: GithubRules, fail: (what: string) => void): void {
  if (typeof result.ruleId !== "string" || result.ruleId === "") fail("ruleId is required");
  else if (!rules.some((rule) => rule.id === result.ruleId)) fail("ruleId has no rule in tool.driver.rules");
  if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== result.ruleId) fail("ruleIndex points at another rule");
  if (!result.message?.text) fail("message.text is required");
  const locations: Json[] = result.locations ?? [];
  if (locations.length === 0 || locations.length > LIMITS.locations) fail(`1 to ${LIMITS.locations} locations`);
  for (const location of locations) {
    const physical = location.physicalLocation;
    if (!physical?.artifactLocation?.uri) fail("physicalLocation.artifactLocation.uri is required");
    const base = physical?.artifactLocation?.uriBaseId;
    if (base !== undefined && !Object.hasOwn(bases, base)) fail(`uriBaseId ${base} is not in run.originalUriBaseIds`);
    checkRegion(physical?.region, fail);
  }
  const fingerprints = result.partialFingerprints ?? {};
  if (Object.keys(fingerprints).length === 0) fail("partialFingerprints keep an alert's identity across runs");
  const lineHash = fingerprints.primaryLocationLineHash;
  if (options.lineHashes && !/^[0-9a-f]{1,16}:[1-9]\d*$/.test(lineHash ?? ""))
    fail(`primaryLocationLineHash must look like upload-sarif's "<hex>:<n>", not ${lineHash}`);
  for (const suppression of result.suppressions ?? []) {
    if (!["inSource", "external"].includes(suppression.kind)) fail(`suppression kind ${suppression.kind}`);
    if (!suppression.justification) fail("a suppression says why (justification)");
  }
  for (const fix of result.fixes ?? []) {
    for (const change of fix.artifactChanges ?? []) {
      for (const replacement of change.replacements ?? []) checkRegion(replacement.deletedRegion, fail);
    }
  }
}

function checkRegion(region: Json | undefined, fail: (what: string) => void): void {
  if (!region || !(region.startLine >= 1)) {
    fail("region.startLine (1-based) is required");
    return;
  }
  const endLine = region.endLine ?? region.startLine;
  if (endLine < region.startLine) fail("region ends before it starts");
  if (endLine === region.startLine && region.endColumn !== undefined && region.endColumn < (region.startColumn ?? 1))
    fail("region ends before it starts");
}
