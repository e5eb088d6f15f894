import { describe, expect, it } from "vitest";
import { classifyName, mayHoldCredential } from "../../src/k8s/credential-names.js";

describe("credential names: one vocabulary for the rules (warn) and drift (mask)", () => {
  it("masks every name the secret rules would warn about", () => {
    for (const name of ["DB_PASSWORD", "clientSecret", "GITHUB_TOKEN", "STRIPE_API_KEY", "SECRET_KEY_BASE", "DBPASSWORD"]) {
      expect(classifyName(name), name).toBeDefined();
      expect(mayHoldCredential(name), name).toBe(true);
    }
  });

  it("masks names the rules stay quiet about when a credential word is not last", () => {
    for (const name of ["AWS_ACCESS_KEY_ID", "SECRET_PATH", "token-file", "SENTRY_DSN", "PASSWORD_MIN_LENGTH"]) {
      expect(classifyName(name), name).toBeUndefined();
      expect(mayHoldCredential(name), name).toBe(true);
    }
  });

  it("leaves alone names with no credential word, or documented as none", () => {
    for (const name of [
      "LOG_LEVEL",
      "TOKENIZER_MODEL",
      "BYPASS_CACHE",
      "PWD",
      "ETCD_INITIAL_CLUSTER_TOKEN",
      "CACHE_KEY_PREFIX",
    ]) {
      expect(mayHoldCredential(name), name).toBe(false);
    }
  });
});
