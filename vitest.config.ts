import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // says once which tests skip because ../shared (peer corpora, real-world manifests) is absent
    globalSetup: ["test/support/shared-notice.ts"],
    testTimeout: 20_000,
    // tests never reach the network: every server they talk to is on 127.0.0.1
    env: { NO_COLOR: "1" },
  },
});
