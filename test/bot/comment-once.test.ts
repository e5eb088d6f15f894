import { afterEach, expect, it } from "vitest";
import { writeMarker } from "../../bot/proposal/marker.js";
import { startWorld, type World } from "./support/harness.js";
import { commentPayload } from "./support/payloads.js";

let world: World | undefined;
afterEach(async () => {
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

it("a person who pastes the bot's marker into a comment does not silence the bot's reply", async () => {
  world = await startWorld({ shop: { logLevel: "debug" } });
  world.repo.issues.push({
    number: 7,
    title: "t",
    body: "",
    state: "open",
    labels: [],
    user: { login: "mona", id: 1, type: "User" },
  });
  world.repo.comments.push({
    id: 900,
    issue_number: 7,
    body: `nothing to see\n\n${writeMarker("comment", { key: "denied:outsider" })}`,
    user: { login: "outsider", id: 66, type: "User" },
    created_at: new Date().toISOString(),
  });
  const payload = commentPayload(world.github.installationId, "/plumbline drift", { login: "outsider" }, 7);
  await world.bot.probot.receive({ id: "delivery-paste", name: "issue_comment", payload } as never);
  await world.bot.tasks.idle();
  const replies = world.repo.comments.filter((comment) => comment.id !== 900 && comment.body.startsWith("@outsider "));
  expect(replies).toHaveLength(1);
});
