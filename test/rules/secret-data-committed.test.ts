import { describe, expect, it } from "vitest";
import { parseManifestText } from "../../src/manifests/parse.js";
import { findingsOf, lintSet, positionOf, yaml } from "./helpers.js";

const RULE = "secret-data-committed";

const b64 = (text: string) => Buffer.from(text).toString("base64");

describe(RULE, () => {
  const text = yaml`
    apiVersion: v1
    kind: Secret
    metadata: { name: db }
    type: Opaque
    data:
      username: ${b64("app")}
      password: ${b64("hunter2")}
    stringData:
      api-token: "open sesame"
  `;

  it("fires once per section that holds values, at its key, naming keys but never values", () => {
    const findings = findingsOf(RULE, text);
    expect(findings.map((f) => f.path)).toEqual(["/data", "/stringData"]);
    expect(findings[0]).toMatchObject({ severity: "error", ...positionOf(text, "data:\n") });
    expect(findings[1]).toMatchObject(positionOf(text, "stringData:"));
    expect(findings[0]?.message).toBe(
      'Secret "db" has a value (password) in data in plain text (base64 is not encryption); use Sealed Secrets, External Secrets or SOPS',
    );
    for (const finding of findings) {
      for (const value of ["hunter2", b64("hunter2"), "open sesame"]) expect(finding.message).not.toContain(value);
    }
  });

  it("stays silent for SOPS-encrypted Secrets", () => {
    const sops = yaml`
      apiVersion: v1
      kind: Secret
      metadata: { name: db }
      data:
        password: ENC[AES256_GCM,data:Xr0q2w==,iv:aGVsbG8=,tag:d29ybGQ=,type:str]
      sops:
        mac: ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]
        version: 3.9.0
    `;
    expect(findingsOf(RULE, sops)).toEqual([]);
  });

  it("stays silent without data, with empty values or with placeholders", () => {
    const token = yaml`
      apiVersion: v1
      kind: Secret
      metadata:
        name: build-robot
        annotations: { kubernetes.io/service-account.name: build-robot }
      type: kubernetes.io/service-account-token
    `;
    expect(findingsOf(RULE, token)).toEqual([]);
    const placeholders = yaml`
      apiVersion: v1
      kind: Secret
      metadata: { name: app }
      data:
        empty: ""
        flag: ${b64("true")}
        apiToken: ${b64("YourPingdomApiToken")}
        password: ${b64("MyDatabasePassword")}
      stringData:
        password: <path:vault/data/app#password>
        token: \${TOKEN}
        nothing:
    `;
    expect(findingsOf(RULE, placeholders)).toEqual([]);
  });

  describe("public certificates", () => {
    const body =
      "MIIBczCCARmgAwIBAgIUC7788xL37rLFDi/fk/KWm7dk5JYwCgYIKoZIzj0EAwIw\nEzERMA8GA1UEAwwIdGVzdC1jYTAeFw0yNTAxMDEwMDAwMDBaFw0yNjAxMDEwMDAw";
    const pem = (label: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
    const secret = (data: Record<string, string>, field = "data") =>
      [
        "apiVersion: v1",
        "kind: Secret",
        "metadata: { name: tls }",
        `${field}:`,
        ...Object.entries(data).map(([key, value]) => `  ${key}: ${field === "data" ? b64(value) : JSON.stringify(value)}`),
      ].join("\n");

    it("are not secrets: a Secret holding only certificates is not reported", () => {
      expect(findingsOf(RULE, secret({ "ca.crt": pem("CERTIFICATE") }))).toEqual([]);
      // a chain, a CA bundle with comment lines, and stringData
      const bundle = `# Issuer: CN=Root\n${pem("CERTIFICATE")}\n# Issuer: CN=Other\n${pem("CERTIFICATE")}`;
      expect(findingsOf(RULE, secret({ "ca.crt": bundle, "tls.crt": pem("CERTIFICATE") + pem("CERTIFICATE") }))).toEqual([]);
      expect(findingsOf(RULE, secret({ "ca.crt": pem("CERTIFICATE") }, "stringData"))).toEqual([]);
    });

    it("do not hide the other values: the key, a password, or a key pasted next to a certificate", () => {
      const pair = findingsOf(
        RULE,
        secret({ "ca.crt": pem("CERTIFICATE"), "tls.crt": pem("CERTIFICATE"), "tls.key": pem("EC PRIVATE KEY") }),
      );
      expect(pair.map((f) => f.message)).toEqual([
        'Secret "tls" has a value (tls.key) in data in plain text (base64 is not encryption); use Sealed Secrets, External Secrets or SOPS',
      ]);
      expect(findingsOf(RULE, secret({ "ca.crt": pem("CERTIFICATE"), password: "hunter2" }))[0]?.message).toContain(
        "a value (password)",
      );
      expect(findingsOf(RULE, secret({ "tls.pem": pem("CERTIFICATE") + pem("PRIVATE KEY") }))[0]?.message).toContain(
        "a value (tls.pem)",
      );
      expect(findingsOf(RULE, secret({ note: `see ${pem("CERTIFICATE")} and password: hunter2` }))).toHaveLength(1);
    });
  });

  describe("judges by keys and values: only what looks like a credential is reported", () => {
    const secret = (entries: string, type = "Opaque") => yaml`
      apiVersion: v1
      kind: Secret
      metadata: { name: app }
      type: ${type}
      stringData:
        ${entries}
    `;

    it("stays silent for values that hold nothing secret: a timezone, a URL, public parameters, a public key", () => {
      expect(findingsOf(RULE, secret('grafana.ini: "[date_formats]\\ndefault_timezone = UTC\\n"'))).toEqual([]);
      expect(findingsOf(RULE, secret('datasources.yaml: "url: http://prometheus:9090\\naccess: proxy\\n"'))).toEqual([]);
      expect(findingsOf(RULE, secret('dhparam.pem: "...base64 encoded data..."'))).toEqual([]);
      expect(findingsOf(RULE, secret('id_rsa.pub: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq2 dev@example"'))).toEqual([]);
      expect(findingsOf(RULE, secret("PATH: bbbbbbbb"))).toEqual([]);
      expect(findingsOf(RULE, secret("username: admin"))).toEqual([]);
    });

    it("keeps the error for credentials: by key name, by format, by entropy, by Secret type, inside a config file", () => {
      const reported = (entries: string, type?: string) => findingsOf(RULE, secret(entries, type)).map((f) => f.severity);
      expect(reported("key: mypassword")).toEqual(["error"]);
      expect(reported("azurestorageaccountkey: c29tZXRoaW5n")).toEqual(["error"]);
      expect(reported("config: ghp_0123456789abcdefghijABCDEFGHIJ0123456789")).toEqual(["error"]);
      expect(reported("session: 9fK2mQ7xLr4pZ8vT1bN6")).toEqual(["error"]);
      expect(reported("user: admin", "kubernetes.io/basic-auth")).toEqual(["error"]);
      expect(reported('grafana.ini: "[security]\\nadmin_password = s3cret-value\\n"')).toEqual(["error"]);
      expect(
        reported('alertmanager.yaml: "slack_api_url: https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX"'),
      ).toEqual(["error"]);
      expect(reported('db.conf: "Server=db;User Id=app;Password=Tr0ub4dor;"')).toEqual(["error"]);
    });
  });

  it("counts binary data as real", () => {
    const binary = yaml`
      apiVersion: v1
      kind: Secret
      metadata: { name: keystore }
      data:
        keystore.jks: ${Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0x00, 0x02, 0x81]).toString("base64")}
    `;
    expect(findingsOf(RULE, binary)).toHaveLength(1);
  });

  it("does not judge piped renders or Kustomize generator output, which need not be in Git", () => {
    for (const file of ["<stdin>", "overlays/prod/kustomization.yaml"]) {
      const { resources } = parseManifestText(text, file, "s");
      expect(
        lintSet({ resources, problems: [], files: [file] }).filter((f) => f.rule === RULE),
        file,
      ).toEqual([]);
    }
  });

  it("can be waived per Secret", () => {
    const waived = text.replace("name: db }", 'name: db, annotations: { plumbline.dev/ignore: "secret-data-committed" } }');
    expect(waived).not.toBe(text);
    expect(findingsOf(RULE, waived)).toEqual([]);
  });
});
