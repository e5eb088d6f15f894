import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "secret-ref-missing";

const job = yaml`
  apiVersion: batch/v1
  kind: CronJob
  metadata: { name: backup, namespace: data }
  spec:
    schedule: "@daily"
    jobTemplate:
      spec:
        template:
          spec:
            restartPolicy: OnFailure
            imagePullSecrets: [{ name: registry }]
            containers:
              - name: backup
                image: backup:1
                env:
                  - name: DB_PASSWORD
                    valueFrom:
                      secretKeyRef: { name: db-credentials, key: password }
                envFrom:
                  - secretRef: { name: s3, optional: true }
            volumes:
              - name: tls
                secret: { secretName: backup-tls }
`;

describe(RULE, () => {
  it("fires as info at each required Secret reference not in these manifests, ignoring imagePullSecrets", () => {
    const findings = findingsOf(RULE, job);
    expect(findings.map((f) => f.path)).toEqual([
      "/spec/jobTemplate/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/name",
      "/spec/jobTemplate/spec/template/spec/volumes/0/secret/secretName",
    ]);
    expect(findings[0]).toMatchObject({ severity: "info", ...positionOf(job, "name: db-credentials") });
    expect(findings[1]?.message).toContain(
      'volume "tls" needs Secret "backup-tls", which is not found in these manifests (namespace "data")',
    );
  });

  it("counts Secrets that an ExternalSecret, SealedSecret or Certificate provides", () => {
    const providers = yaml`
      ---
      apiVersion: external-secrets.io/v1beta1
      kind: ExternalSecret
      metadata: { name: db, namespace: data }
      spec: { target: { name: db-credentials } }
      ---
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata: { name: backup, namespace: data }
      spec: { secretName: backup-tls, issuerRef: { name: ca } }
    `;
    expect(findingsOf(RULE, job + providers)).toEqual([]);
  });

  it("counts a Secret that another workload of the namespace names on its command line, as a certificate generator does", () => {
    const generator = (namespace: string, flag: string) => yaml`
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: { name: certgen, namespace: ${namespace} }
      spec:
        template:
          spec:
            restartPolicy: OnFailure
            containers:
              - name: create
                image: kube-webhook-certgen:v1.6.9
                args: [create, ${flag}, --namespace=data]
    `;
    const names = (text: string) => findingsOf(RULE, text).map((f) => f.message.match(/Secret "([^"]+)"/)?.[1]);
    expect(names(job + generator("data", "--secret-name=backup-tls"))).toEqual(["db-credentials"]);
    // a flag about something else, or a workload of another namespace, creates nothing here
    expect(names(job + generator("data", "--cert-name=backup-tls"))).toEqual(["db-credentials", "backup-tls"]);
    expect(names(job + generator("other", "--secret-name=backup-tls"))).toEqual(["db-credentials", "backup-tls"]);
  });

  it("checks the keys of a Secret in the manifests, stringData included", () => {
    const secret =
      "---\napiVersion: v1\nkind: Secret\nmetadata: { name: db-credentials, namespace: data }\nstringData: { username: app }\n";
    const [finding] = findingsOf(RULE, job + secret);
    expect(finding?.path).toBe("/spec/jobTemplate/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/key");
    expect(finding?.message).toContain('needs key "password" of Secret "db-credentials", which has only "username"');
    expect(findingsOf(RULE, job + secret.replace("username: app", "password: hunter2"))).toHaveLength(1);
  });

  it("knows no Secret in every namespace: kube-root-ca.crt is a ConfigMap, and token Secrets have random names", () => {
    const text = job.replace("secret: { secretName: backup-tls }", "secret: { secretName: kube-root-ca.crt }");
    expect(findingsOf(RULE, text).map((f) => f.path)).toContain(
      "/spec/jobTemplate/spec/template/spec/volumes/0/secret/secretName",
    );
  });

  it("honours the plumbline ignore annotation on the pod template", () => {
    const text = job.replace(
      "      template:\n        spec:",
      '      template:\n        metadata: { annotations: { plumbline.dev/ignore: "secret-ref-missing" } }\n        spec:',
    );
    expect(text).toContain("plumbline.dev/ignore");
    expect(findingsOf(RULE, text)).toEqual([]);
  });
});
