import { describe, expect, it } from "vitest";
import { secretReason } from "../../src/rules/secrets/secret-in-env.js";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "secret-in-env";

// Token-shaped samples are assembled at run time so that no scanner mistakes this file for a leak.
const join = (...parts: string[]) => parts.join("");
const SAMPLES = {
  aws: join("AKIA", "Z7Q4MPL2XW9RT3VB"),
  github: join("ghp", "_", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"),
  githubFineGrained: join("github", "_pat_", "11ABCDEFG0123456789_", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789abcdef"),
  slack: join("xox", "b-", "1234567890-0987654321-AbCdEfGhIjKlMnOp"),
  stripe: join("sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc"),
  jwt: join("eyJhbGciOiJIUzI1NiJ9", ".", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", ".", "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
  pem: join("-----BEGIN ", "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END ", "RSA PRIVATE KEY-----"),
};

function pod(name: string, value: string): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: p }
    spec:
      containers:
        - name: app
          image: app:1.0
          env:
            - name: LOG_LEVEL
              value: info
            - name: ${name}
              value: ${JSON.stringify(value)}
  `;
}

describe(RULE, () => {
  it("fires on a password-named variable with a literal value, at its value, without repeating it", () => {
    const text = pod("DB_PASSWORD", "hunter2");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "error",
      path: "/spec/containers/0/env/1/value",
      ...positionOf(text, 'value: "hunter2"'),
    });
    expect(findings[0]?.message).toBe(
      'container "app" env var DB_PASSWORD is named like a password and holds a literal value; move it into a Secret and use valueFrom.secretKeyRef',
    );
  });

  it.each([
    ["AWS_ACCESS_KEY_ID", SAMPLES.aws, "looks like an AWS access key"],
    ["GH", SAMPLES.github, "looks like a GitHub token"],
    ["GH_FINE", SAMPLES.githubFineGrained, "looks like a GitHub token"],
    ["SLACK", SAMPLES.slack, "looks like a Slack token"],
    ["PAYMENTS", SAMPLES.stripe, "looks like a live Stripe key"],
    ["AUTH_HEADER", SAMPLES.jwt, "looks like a JSON Web Token"],
    ["TLS", SAMPLES.pem, "holds a private key"],
    ["DATABASE_URL", "postgres://app:hunter2@db:5432/app", "holds a URL with an embedded password"],
    ["dbPassword", "s3cr3t!", "is named like a password"],
    ["API_KEY", "abc", "is named like an API key"],
    ["AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMIK7MDENGbPxRfiCY1234567890ab", "is named like an access key"],
    ["SECRET_KEY_BASE", "d1f8e0a9b2c3", "is named like a secret key"],
    ["LICENSE_KEY", "Q2x9-ZP0v-77Lm-Kq3s-Wd8e", "is named like a key and holds a random-looking value"],
  ])("fires on %s, saying why without the value", (name, value, why) => {
    const [finding] = findingsOf(RULE, pod(name, value));
    expect(finding?.message).toContain(`env var ${name} ${why}`);
    expect(finding?.message).not.toContain(value);
    for (const part of value.split(/[\s:@/.-]+/).filter((p) => p.length >= 6)) expect(finding?.message).not.toContain(part);
  });

  it.each([
    ["PASSWORD_MIN_LENGTH", "12"],
    ["PASSWORD_FILE", "/run/secrets/db-password"],
    ["GOOGLE_APPLICATION_CREDENTIALS", "/var/secrets/google/key.json"],
    ["TOKEN_TTL", "3600"],
    ["SECRET_NAME", "db-credentials"],
    ["DB_SECRET", "db-credentials"],
    ["ENABLE_PASSWORD_AUTH", "true"],
    ["REQUIRE_TOKEN", "yes"],
    ["DB_PASSWORD", ""],
    ["DB_PASSWORD", "$(DB_PASSWORD_FROM_SECRET)"],
    ["DB_PASSWORD", "changeme"],
    ["DB_PASSWORD", "CHANGE_ME_IN_PROD"],
    ["API_TOKEN", "<your-token-here>"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an unexpanded ${VAR} is the case under test
    ["API_TOKEN", "${API_TOKEN}"],
    ["API_TOKEN", "xxxxxxxx"],
    ["API_TOKEN", "{{ .Values.token }}"],
    ["API_TOKEN", "vault:secret/data/app#token"],
    ["DB_PASSWORD", "ENC[AES256_GCM,data:Tr7o=,iv:abc=,tag:def=,type:str]"],
    ["DATABASE_URL", "postgres://app:$(DB_PASSWORD)@db:5432/app"],
    ["DATABASE_URL", "postgres://db:5432/app"],
    ["DATABASE_URL", "postgres://user:pass@db:5432/app"],
    ["AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"],
    ["CACHE_KEY", "users"],
    ["PRIMARY_KEY", "id"],
    ["TOKEN_URL", "https://auth.example.com/oauth/token"],
    ["PWD", "/app"],
    // etcd documents its initial cluster token as an identifier that keeps clusters apart, no credential
    ["ETCD_INITIAL_CLUSTER_TOKEN", "etcd-cluster-1"],
    ["GREETING", "hello world"],
    ["CONSTRUCTOR", "hunter2"],
    ["TO_STRING", "hunter2"],
  ])("stays silent on %s=%s", (name, value) => {
    expect(findingsOf(RULE, pod(name, value))).toEqual([]);
  });

  it("never reports valueFrom references", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        template:
          spec:
            containers:
              - name: web
                image: app:1
                env:
                  - name: DB_PASSWORD
                    valueFrom:
                      secretKeyRef: { name: db, key: password }
    `;
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("checks init containers and CronJobs", () => {
    const text = yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: backup }
      spec:
        schedule: "@daily"
        jobTemplate:
          spec:
            template:
              spec:
                initContainers:
                  - name: fetch
                    image: f:1
                    env: [{ name: S3_SECRET, value: "Zm9vYmFyYmF6cXV4" }]
                containers: [{ name: run, image: r:1 }]
    `;
    expect(findingsOf(RULE, text).map((f) => f.message)).toEqual([
      expect.stringContaining('init container "fetch" env var S3_SECRET'),
    ]);
  });

  it("honours kube-linter's opt-out for the same check", () => {
    const text = pod("DB_PASSWORD", "hunter2").replace(
      "name: p }",
      'name: p, annotations: { "ignore-check.kube-linter.io/env-var-secret": "test data" } }',
    );
    expect(text).toContain("env-var-secret");
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("weighs the value before the name", () => {
    expect(secretReason("ANYTHING", SAMPLES.github)).toBe("looks like a GitHub token");
    expect(secretReason("PASSWORD", "password")).toBeUndefined();
    expect(secretReason("MY_TOKEN", "1234")).toBeUndefined();
    expect(secretReason("MY_TOKEN", "123456")).toBeDefined();
  });

  itWithCorpus("agrees with Polaris' sensitiveContainerEnvVar fixtures", () => {
    const dir = "polaris/test/checks/sensitiveContainerEnvVar";
    for (const file of [
      "failure.key_password.yaml",
      "failure.value_private_key.yaml",
      "failure.key_aws_secret_access_key.yaml",
    ]) {
      expect(findingsOf(RULE, corpusFile(`${dir}/${file}`)), file).not.toEqual([]);
    }
    for (const file of ["success.no_env_vars.yaml", "success.sensitive_key_uses_valueFrom.yaml", "success.valid_env_vars.yaml"]) {
      expect(findingsOf(RULE, corpusFile(`${dir}/${file}`)), file).toEqual([]);
    }
  });
});
