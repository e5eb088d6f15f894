import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config/load.js";

/**
 * A configuration error is printed in the job log and annotated on the pull request. A value that
 * looks like a credential (pasted in the wrong place) must not be quoted there.
 */

const GITHUB_TOKEN = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
const AWS_KEY = "AKIAIOSFODNN7ABCDEFG";
const RANDOM = "q8Zr2mX7vK1pT9wLs4Yb";

function errorFor(text: string): ConfigError {
  try {
    parseConfig(text, ".github/plumbline.yml");
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

describe("configuration errors never quote a secret-looking value", () => {
  it.each([
    ["an enum", `failOn: ${GITHUB_TOKEN}\n`, GITHUB_TOKEN],
    ["a pattern", `kubernetesVersion: "${AWS_KEY}"\n`, AWS_KEY],
    ["a rule setting", `rules:\n  image-tag-latest: ${RANDOM}\n`, RANDOM],
    ["a type mismatch holding a mapping", `ignore:\n  - token: ${GITHUB_TOKEN}\n`, GITHUB_TOKEN],
    ["an unknown key", `${GITHUB_TOKEN}: 1\n`, GITHUB_TOKEN],
  ])("%s", (_what, text, secret) => {
    const error = errorFor(text);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(secret.slice(0, 12));
    expect(error.message).toContain("looks like a secret, not shown");
    // the place is still given, so the value can be found and fixed
    expect(error.line).toBeGreaterThan(0);
  });

  it("still quotes an ordinary wrong value, which is what makes the message useful", () => {
    expect(errorFor("failOn: sometimes\n").message).toContain('"sometimes"');
    expect(errorFor('kubernetesVersion: "latest"\n').message).toContain('"latest"');
  });
});
