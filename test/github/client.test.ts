import { describe, expect, it } from "vitest";
import { githubMessage, isPermissionError, type RateLimitEvent, statusOf, throttleOptions } from "../../src/github/client.js";
import { CONFIG_FILE } from "../../src/github/config-path.js";
import { GitHubPlatform } from "../../src/github/platform.js";
import { REPO, useGitHubDouble } from "./support/github-double.js";

const STATUS = "POST /repos/{owner}/{repo}/statuses/{sha}";
const SHA = "b".repeat(40);

describe("the rate-limit policy", () => {
  const request = { method: "POST", url: "/repos/o/r/check-runs" };

  it("retries a secondary limit as often as the policy says, a primary one only when it resets soon enough", () => {
    const events: RateLimitEvent[] = [];
    const handlers = throttleOptions({ secondaryRetries: 2, primaryRetries: 1, maxPrimaryWaitSeconds: 60 }, (event) =>
      events.push(event),
    );
    expect([0, 1, 2].map((count) => handlers.onSecondaryRateLimit(5, request, {}, count))).toEqual([true, true, false]);
    expect(handlers.onRateLimit(30, request, {}, 0)).toBe(true);
    expect(handlers.onRateLimit(30, request, {}, 1)).toBe(false);
    expect(handlers.onRateLimit(3600, request, {}, 0)).toBe(false);
    expect(events.map((event) => [event.kind, event.retrying])).toEqual([
      ["secondary", true],
      ["secondary", true],
      ["secondary", false],
      ["primary", true],
      ["primary", false],
      ["primary", false],
    ]);
  });
});

describe("reading a failed request", () => {
  it("takes the status of a RequestError, and 403/404 as missing permission", () => {
    expect(statusOf({ status: 403 })).toBe(403);
    expect(statusOf(new Error("socket hang up"))).toBeUndefined();
    expect(isPermissionError({ status: 404 })).toBe(true);
    expect(isPermissionError({ status: 422 })).toBe(false);
    expect(githubMessage(new Error("Not Found - https://docs.github.com/rest\nmore"))).toBe("Not Found");
  });
});

describe("the token client and the Platform on it", () => {
  const double = useGitHubDouble();

  it("waits out a secondary rate limit, says so, and sends a status cut to GitHub's 140 characters", async () => {
    const github = double();
    let limited = false;
    github.on(STATUS, ({ body }) => {
      if (!limited) {
        limited = true;
        return [403, { message: "You have exceeded a secondary rate limit." }, { "retry-after": "0" }];
      }
      return [201, { id: 1, state: body.state, context: body.context, description: body.description }];
    });
    const platform = new GitHubPlatform(github.client(), REPO);
    await platform.setCommitStatus(SHA, {
      context: "Plumbline",
      state: "failure",
      description: "d".repeat(300),
      targetUrl: undefined,
    });
    const sent = github.bodies(STATUS);
    expect(sent).toHaveLength(2);
    expect(String(sent[1]?.description)).toHaveLength(140);
    expect(github.warnings).toEqual([
      expect.stringMatching(/^GitHub's secondary rate limit hit on POST .*statuses.*; retrying in \d+s$/),
    ]);
  });
});

describe("the configuration's path", () => {
  it("is .github/plumbline.yml, `/`-separated whatever the OS", () => {
    expect(CONFIG_FILE).toBe(".github/plumbline.yml");
  });
});
