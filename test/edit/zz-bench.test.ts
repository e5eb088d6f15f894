import { test } from "vitest";
import { applyPatchesToYaml, applyPatchToYaml } from "../../src/edit/index.js";
test("bench", () => {
  const doc = (i: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i} # name\n  labels:\n    app: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.${i}\n          resources:\n            limits:\n              cpu: 500m\n          env:\n${Array.from({ length: 20 }, (_, k) => `            - name: V${k}\n              value: "${k}"`).join("\n")}\n`;
  const file = Array.from({ length: 300 }, (_, i) => doc(i)).join("---\n");
  console.log("size", file.length, "lines", file.split("\n").length);
  let t = performance.now();
  const patches = Array.from({ length: 300 }, (_, i) => ({ target: { documentIndex: i }, ops: [
    { op: "replace", path: "/spec/replicas", value: 3 },
    { op: "replace", path: "/spec/template/spec/containers/0/image", value: "nginx:2" },
    { op: "add", path: "/metadata/labels/tier", value: "x" },
    { op: "remove", path: "/spec/template/spec/containers/0/env/3" },
    { op: "add", path: "/spec/template/spec/containers/0/env/-", value: { name: "N", value: "v" } },
  ] as any }));
  const r = applyPatchesToYaml(file, patches);
  console.log("batch 300 docs x5 ops ms", Math.round(performance.now() - t), r.changedLines.length);
  t = performance.now();
  const big = doc(1).replace(/env:\n[\s\S]*$/, "env:\n" + Array.from({ length: 2000 }, (_, k) => `            - name: V${k}\n              value: "${k}"`).join("\n") + "\n");
  const ops = Array.from({ length: 50 }, (_, k) => ({ op: "replace", path: `/spec/template/spec/containers/0/env/${k * 10}/value`, value: "z" })) as any;
  applyPatchToYaml(big, { documentIndex: 0 }, ops);
  console.log("big doc 4000 lines x 50 ops ms", Math.round(performance.now() - t));
  t = performance.now();
  applyPatchToYaml(big, { documentIndex: 0 }, [{ op: "replace", path: "/spec/template/spec/containers/0/env", value: Array.from({ length: 2000 }, (_, k) => ({ name: `V${k}`, value: String(k % 7) })) }] as any);
  console.log("big doc replace whole list ms", Math.round(performance.now() - t));
}, 300_000);
