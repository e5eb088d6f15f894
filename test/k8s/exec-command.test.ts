import { describe, expect, it } from "vitest";
import { connectionsOf, splitShell } from "../../src/k8s/exec-command.js";
import { classifyHost } from "../../src/k8s/hosts.js";

describe("what an exec command connects to", () => {
  it("splits a script like a shell: quotes, escapes, command substitutions, separators", () => {
    expect(splitShell(`curl -f "http://a b" && echo 'x;y' ; nc -z $(hostname -i) 80 | cat\nexit 1`)).toEqual([
      ["curl", "-f", "http://a b"],
      ["echo", "x;y"],
      ["nc", "-z", "$(hostname -i)", "80"],
      ["cat"],
      ["exit", "1"],
    ]);
  });

  it("reads the clients people put in probes", () => {
    const hosts = (command: unknown[]) => connectionsOf(command).map((c) => c.host);
    expect(hosts(["pg_isready", "-h", "db", "-p", "5432"])).toEqual(["db"]);
    expect(hosts(["sh", "-c", "FOO=1 exec timeout -s KILL 5 nc -w 3 -zv broker 9092"])).toEqual(["broker"]);
    expect(hosts(["/usr/bin/curl", "-sf", "--max-time", "2", "api:8080/ping"])).toEqual(["api"]);
    expect(hosts(["bash", "-ec", "python -c \"import urllib.request as u; u.urlopen('http://auth/health')\""])).toEqual(["auth"]);
    expect(hosts(["redis-cli", "-u", "rediss://:pw@cache.example.com:6380/0", "ping"])).toEqual(["cache.example.com"]);
    expect(hosts(["cat", "/tmp/healthy"])).toEqual([]);
    expect(hosts(["sh", "/probe.sh"])).toEqual([]);
    expect(hosts([42, null])).toEqual([]);
  });

  it("tells the pod itself from other hosts, reading the container's env", () => {
    const container = {
      env: [
        { name: "DB", value: "postgres.db" },
        { name: "ME", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
        { name: "SECRET_HOST", valueFrom: { secretKeyRef: { name: "s", key: "h" } } },
      ],
    };
    expect(classifyHost("localhost")).toBe("pod");
    expect(classifyHost("127.0.0.53")).toBe("pod");
    expect(classifyHost("[::1]")).toBe("pod");
    expect(classifyHost("$(hostname -f)")).toBe("pod");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
    expect(classifyHost("${HOSTNAME}.svc", container)).toBe("pod");
    expect(classifyHost("$ME", container)).toBe("pod");
    expect(classifyHost("$(DB)", container)).toBe("other");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
    expect(classifyHost("${SECRET_HOST}", container)).toBe("unknown");
    expect(classifyHost("$UNSET", container)).toBe("unknown");
    expect(classifyHost("db.shop.svc.cluster.local")).toBe("other");
  });
});
