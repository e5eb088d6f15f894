import { describe, expect, it } from "vitest";
import { lineHashes } from "../../src/report/line-hash.js";

// Expected values are those published in github/codeql-action's own tests of upload-sarif's hash
// (src/fingerprints.test.ts): equal values mean code scanning computes what we emit.
describe("primaryLocationLineHash", () => {
  it("matches upload-sarif's values for an empty file and mixed whitespace", () => {
    expect(lineHashes("")).toEqual(["c129715d7a2bc9a3:1"]);
    expect(lineHashes(" a\nb\n  \t\tc\n d")).toEqual([
      "271789c17abda88f:1",
      "54703d4cd895b18:1",
      "180aee12dab6264:1",
      "a23a3dc5e078b07b:1",
    ]);
  });

  it("treats \\n, \\r\\n and \\r alike", () => {
    const expected = [
      "e9496ae3ebfced30:1",
      "fb7c023a8b9ccb3f:1",
      "ce8ba1a563dcdaca:1",
      "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1",
      "c8e28b0b4002a3a0:1",
      "c129715d7a2bc9a3:1",
    ];
    expect(lineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n")).toEqual(expected);
    expect(lineHashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r")).toEqual(expected);
    expect(lineHashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n")).toEqual(expected);
    expect(lineHashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n")).toEqual(expected);
    expect(lineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End")).toEqual([
      "8b7cf3e952e7aeb2:1",
      "b1ae1287ec4718d9:1",
      "bff680108adb0fcc:1",
      "c6805c5e1288b612:1",
      "b86d3392aea1be30:1",
      "e6ceba753e1a442:1",
    ]);
  });

  it("numbers repeated hashes in line order", () => {
    expect(lineHashes("Lorem ipsum dolor sit amet.\n".repeat(10))).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((n) => `a7f2ff13bc495cf2:${n}`),
      "a7f2ff1481e87703:1",
      "a9cf91f7bbf1862b:1",
      "55ec222b86bcae53:1",
      "cc97dc7b1d7d8f7b:1",
      "c129715d7a2bc9a3:1",
    ]);
  });

  it("depends on the text from the line on, not on the line number or indentation", () => {
    const block = "containers:\n  - name: web\n    image: nginx:latest\n";
    const before = lineHashes(`kind: Pod\n${block}`);
    const after = lineHashes(`# moved\n\nkind: Pod\n  ${block.replaceAll("\n", "\n  ")}`);
    expect(after[4]).toBe(before[2]);
    expect(before[2]).not.toBe(before[1]);
  });

  it("is linear in the size of the file", () => {
    const text = "key: value\n".repeat(50_000);
    const started = performance.now();
    expect(lineHashes(text)).toHaveLength(50_001);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
