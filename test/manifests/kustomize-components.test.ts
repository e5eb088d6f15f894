import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { buildErrorMessage } from "../../src/manifests/kustomize-build.js";
import { tempTree as tree } from "../cli/helpers.js";
import { hasKubectl } from "../support/kubectl.js";

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: "web:1.0"
`;
const component = (patchTarget: string) => `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [sidecar-config.yaml]
patches:
  - target: {kind: Deployment, name: ${patchTarget}}
    patch: |
      - op: add
        path: /metadata/labels
        value: {tracing: "on"}
`;
// the component brings an object of its own, with a finding of its own (a Secret with a literal password)
const componentObject = `apiVersion: v1
kind: Secret
metadata: {name: tracing}
stringData:
  password: "hunter2-correct-horse"
`;

describe.runIf(hasKubectl)("Kustomize Components", () => {
  it("are built only through the overlays that use them, with findings in the component's own files", async () => {
    const root = await tree({
      "base/kustomization.yaml": "resources: [deployment.yaml]\n",
      "base/deployment.yaml": deployment,
      "components/tracing/kustomization.yaml": component("web"),
      "components/tracing/sidecar-config.yaml": componentObject,
      "overlay/kustomization.yaml": "resources: [../base]\ncomponents: [../components/tracing]\n",
    });
    const { findings, manifests } = await check(["."], { cwd: root, root });
    expect(findings.filter((f) => f.rule === "kustomize-build-failed" || f.rule === "yaml-syntax-error")).toEqual([]);
    expect(manifests.resources.map((r) => `${r.kind}/${r.name}:${r.scope}`).sort()).toEqual([
      "Deployment/web:kustomize:overlay",
      "Secret/tracing:kustomize:overlay",
    ]);
    const secret = findings.find((f) => f.resource.kind === "Secret" && f.rule === "secret-data-committed");
    expect(secret?.file).toBe(path.join("components", "tracing", "sidecar-config.yaml"));
  });

  it("say once that a Component no overlay uses was not checked, instead of failing its build", async () => {
    const root = await tree({
      "base/kustomization.yaml": "resources: [deployment.yaml]\n",
      "base/deployment.yaml": deployment,
      // on its own, this component's patch has nothing to patch: kustomize would fail
      "components/unused/kustomization.yaml": component("api"),
      "components/unused/sidecar-config.yaml": componentObject,
    });
    const { findings } = await check(["."], { cwd: root, root });
    const input = findings.filter(
      (f) => f.rule === "kustomize-build-failed" || f.rule === "file-skipped" || f.rule === "yaml-syntax-error",
    );
    expect(input.map((f) => [f.rule, f.severity, f.file])).toEqual([
      ["file-skipped", "info", path.join("components", "unused", "kustomization.yaml")],
    ]);
    expect(input[0]?.message).toContain("Component");
  });
});

describe.runIf(hasKubectl)("a failed Kustomize build", () => {
  const broken = {
    "app/kustomization.yaml": "resources: [deployment.yaml]\npatches:\n  - path: more-replicas.yaml\n",
    "app/deployment.yaml": deployment,
    // the patch names a Deployment that does not exist: kustomize fails; the patch alone lacks a selector,
    // a template and probes, which must not be reported as if it were a whole object
    "app/more-replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {replicas: 1}\n",
  };

  it("is its own error, not a YAML syntax error, with a message that is the same on every run", async () => {
    const root = await tree(broken);
    const first = await check(["."], { cwd: root, root });
    const second = await check(["."], { cwd: root, root });
    const failures = first.findings.filter((f) => f.rule === "kustomize-build-failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ severity: "error", file: path.join("app", "kustomization.yaml") });
    expect(first.findings.some((f) => f.rule === "yaml-syntax-error")).toBe(false);
    const message = failures[0]?.message ?? "";
    expect(message).toMatch(/^kustomize build failed: /);
    expect(message).not.toMatch(/\d\d:\d\d:\d\d|run\.go|\bE\d{4}\b/);
    expect(message).not.toContain(root);
    expect(second.findings.find((f) => f.rule === "kustomize-build-failed")?.fingerprint).toBe(failures[0]?.fingerprint);
  });

  it("does not lint the directory's patch files as whole objects", async () => {
    const root = await tree(broken);
    const { findings } = await check(["."], { cwd: root, root });
    expect(findings.map((f) => f.rule)).toEqual(["kustomize-build-failed"]);
  });
});

describe.runIf(hasKubectl)("manifests a kustomization does not list", () => {
  it("get one notice each; files it lists, patches and generator inputs do not", async () => {
    const root = await tree({
      "app/kustomization.yaml":
        "resources: [deployment.yaml]\nconfigMapGenerator:\n  - name: settings\n    files: [settings.json]\n",
      "app/deployment.yaml": deployment,
      "app/settings.json": '{"mode": "fast"}\n',
      "app/loadgenerator.yaml": deployment.replace("name: web}", "name: loadgenerator}"),
      "app/values.yaml": "replicas: 3\n",
    });
    const { findings } = await check(["."], { cwd: root, root });
    const notices = findings.filter((f) => f.rule === "file-skipped");
    expect(notices.map((f) => [f.file, f.severity])).toEqual([[path.join("app", "loadgenerator.yaml"), "info"]]);
    expect(notices[0]?.message).toContain("does not list this file");
  });

  it("are told apart from templates as the loader does: {{ }} inside a string is still a manifest", async () => {
    const root = await tree({
      "app/kustomization.yaml": "resources: [deployment.yaml]\n",
      "app/deployment.yaml": deployment,
      // Alertmanager's own template language, in a ConfigMap's text: data, not a Helm template
      "app/alerts.yaml":
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: alerts}\ndata:\n  text: "{{ .CommonLabels.alertname }} fired"\n',
      "app/helm-leftover.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
    });
    const { findings } = await check(["."], { cwd: root, root });
    const notices = findings.filter((f) => f.rule === "file-skipped");
    expect(notices.map((f) => f.file)).toEqual([path.join("app", "alerts.yaml")]);
  });
});

describe.runIf(hasKubectl)("Kustomizations that need Helm", () => {
  it("are not built when they inflate charts (helmCharts:), and a notice says why, at the field", async () => {
    const kustomization =
      "resources: [deployment.yaml]\nhelmCharts:\n  - name: redis\n    repo: https://charts.example.com\n    version: 1.0.0\n";
    const root = await tree({ "app/kustomization.yaml": kustomization, "app/deployment.yaml": deployment });
    const { findings } = await check(["."], { cwd: root, root });
    expect(findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([
      ["file-skipped", "info", path.join("app", "kustomization.yaml"), 2],
    ]);
    expect(findings[0]?.message).toContain("--enable-helm");
  });

  it("are not built beside a Chart.yaml, where a GitOps plugin renders the chart first", async () => {
    const root = await tree({
      "plugin/Chart.yaml": "apiVersion: v2\nname: guestbook\nversion: 0.1.0\n",
      // all.yaml is `helm template`'s output, written by the plugin before the build
      "plugin/kustomization.yaml": "resources: [all.yaml]\n",
    });
    const { findings } = await check(["."], { cwd: root, root });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([["file-skipped", "info"]]);
    expect(findings[0]?.message).toContain("Chart.yaml");
  });

  it("leave a patch they name by a bare path (older kustomize's form) unlinted, even in a folder of its own", async () => {
    const root = await tree({
      "plugin/Chart.yaml": "apiVersion: v2\nname: guestbook\nversion: 0.1.0\n",
      "plugin/kustomization.yaml": "resources: [all.yaml]\npatches:\n  - overlays/replicas.yaml\n",
      // a partial Deployment: on its own it has no selector and no containers worth judging
      "plugin/overlays/replicas.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: guestbook\nspec:\n  replicas: 3\n",
    });
    const { findings } = await check(["."], { cwd: root, root });
    expect(findings.map((f) => [f.rule, f.file])).toEqual([["file-skipped", path.join("plugin", "kustomization.yaml")]]);
  });
});

describe.runIf(hasKubectl)("files of a Kustomize directory over the size limit", () => {
  it("are not read to trace findings or to look for objects, and an unlisted one is still said", async () => {
    const big = `${deployment.replace("name: web}", "name: big}")}# ${"x".repeat(4096)}\n`;
    const root = await tree({
      "app/kustomization.yaml": "resources: [deployment.yaml]\n",
      "app/deployment.yaml": deployment,
      "app/big.yaml": big,
    });
    const { findings, manifests } = await check(["."], { cwd: root, root, maxFileSize: 2048 });
    expect(manifests.resources.map((r) => r.name)).toEqual(["web"]);
    expect(findings.filter((f) => f.rule === "file-skipped").map((f) => f.file)).toEqual([path.join("app", "big.yaml")]);
  });
});

describe("kustomize build messages", () => {
  const cwd = path.join(tmpdir(), "work");

  it("keep kustomize's reason and drop klog's timestamp, process id and source line", () => {
    const stderr = `E1202 07:52:12.838045    9342 run.go:72] "command failed" err="no resource matches strategic merge patch \\"Deployment.v1.apps/cartservice.[noNs]\\": no matches for Id Deployment.v1.apps/cartservice.[noNs]"\n`;
    expect(buildErrorMessage(stderr, cwd)).toBe(
      'no resource matches strategic merge patch "Deployment.v1.apps/cartservice.[noNs]": no matches for Id Deployment.v1.apps/cartservice.[noNs]',
    );
    const later = stderr.replace("07:52:12.838045    9342", "11:03:59.000001   77120");
    expect(buildErrorMessage(later, cwd)).toBe(buildErrorMessage(stderr, cwd));
  });

  it("read klog's multi-line form, older kubectl's `error:` lines, and show paths relative to the working directory", () => {
    const block = `E1202 08:21:16.242351   12851 run.go:72] "command failed" err=<\n\taccumulating resources: '${path.join(cwd, "app", "x.yaml")}' missing\n\t: exit status 128\n >\n`;
    expect(buildErrorMessage(block, cwd)).toBe(
      `accumulating resources: '${path.join("app", "x.yaml")}' missing : exit status 128`,
    );
    expect(buildErrorMessage("error: accumulating resources: nope\n", cwd)).toBe("accumulating resources: nope");
    expect(buildErrorMessage(`Error: cloning into ${path.join(tmpdir(), "kustomize-123456789")}/repo\n`, cwd)).toBe(
      "cloning into <clone>/repo",
    );
  });

  it("take time linear in what kubectl printed, however hostile", () => {
    const started = performance.now();
    for (const hostile of [
      `err=<\n${"\n ".repeat(200_000)}`,
      `error: ${"/a".repeat(300_000)}/kustomize-x`,
      `error: /${"'".repeat(300_000)}x`,
      `E1202 07:52:12.838045 1 run.go:72] err="${"\\".repeat(200_000)}`,
    ]) {
      expect(buildErrorMessage(hostile, cwd).length).toBeLessThanOrEqual(600);
    }
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe.runIf(hasKubectl)("findings of a rendered object whose source holds `{{ }}` in a string", () => {
  it("point into that source file, not at the kustomization", async () => {
    const withPlaceholder = `${componentObject}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: collector}\ndata:\n  config.yaml: |\n    project: {{PROJECT_ID}}\n`;
    const root = await tree({
      "base/kustomization.yaml": "resources: [deployment.yaml]\n",
      "base/deployment.yaml": deployment,
      "components/tracing/kustomization.yaml": component("web"),
      "components/tracing/sidecar-config.yaml": withPlaceholder,
      "overlay/kustomization.yaml": "resources: [../base]\ncomponents: [../components/tracing]\n",
    });
    const { findings } = await check(["overlay"], { cwd: root, root });
    const secret = findings.find((f) => f.rule === "secret-data-committed");
    expect(secret?.file).toBe(path.join("components", "tracing", "sidecar-config.yaml"));
  });
});
