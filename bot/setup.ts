/**
 * Registers the App from app.yml with Probot's manifest flow:
 *
 *   npm run build && npx probot run ./build/bot/setup.js
 *
 * then open http://localhost:3000 and follow "Register a GitHub App". Probot writes APP_ID,
 * PRIVATE_KEY and WEBHOOK_SECRET to .env; `plumbline-bot` reads the same variables. Once
 * registered, this module only says where to go next (docs/bot.md).
 */

import type { ApplicationFunction } from "probot";

const setup: ApplicationFunction = (app) => {
  app.log.info(
    "The App is registered. Stop this process and start plumbline-bot with the variables Probot wrote to .env (see docs/bot.md).",
  );
};

export default setup;
