#!/usr/bin/env node
// Renders the sticky pull request comment the Action writes for the examples/ pull request (the
// one test/action/pull-request.test.ts checks) and screenshots it, as GitHub would show it:
//
//   node scripts/screenshot-comment.js [--out docs/img/pull-request-comment.png] [--html-only]
//
// Steps: bundle test/action/support/demo-pull-request.ts with esbuild into build/ (so its imports
// resolve against node_modules), run dist/index.js on the demo pull request against the local mock
// GitHub, turn the comment's Markdown into HTML with `marked` (GitHub Flavored Markdown), and take a
// screenshot with Debian's chromium in headless mode (`apt-get install -y chromium fonts-noto-color-emoji`).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    out: { type: "string", default: path.join(root, "docs/img/pull-request-comment.png") },
    "html-only": { type: "boolean", default: false },
    width: { type: "string", default: "1100" },
    height: { type: "string", default: "1900" },
  },
});

const markdown = await demoComment();
const html = page(await toHtml(markdown));
const out = path.resolve(values.out);
await mkdir(path.dirname(out), { recursive: true });
const htmlFile = out.replace(/\.png$/, ".html");
if (values["html-only"]) {
  await writeFile(htmlFile, html);
  console.log(`wrote ${path.relative(root, htmlFile)}`);
} else {
  const scratch = await mkdtemp(path.join(tmpdir(), "plumbline-screenshot-"));
  try {
    const source = path.join(scratch, "comment.html");
    await writeFile(source, html);
    await screenshot(pathToFileURL(source).href, out, scratch);
    console.log(`wrote ${path.relative(root, out)}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The comment, as the Action bundle writes it on the demo pull request. */
async function demoComment() {
  const outfile = path.join(root, "build", "screenshot", "demo-pull-request.mjs");
  await build({
    absWorkingDir: root,
    entryPoints: ["./test/action/support/demo-pull-request.ts"],
    outfile,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  const { captureDemoComment } = await import(pathToFileURL(outfile).href);
  const { comment } = await captureDemoComment(path.join(root, "dist", "index.js"), "ghs_screenshotOnlyNotARealToken");
  return comment;
}

async function toHtml(text) {
  const { marked } = await import("marked");
  return marked.parse(text, { gfm: true });
}

/** Just enough of GitHub's comment styling for the screenshot to read like the real thing. */
function page(body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plumbline comment</title>
<style>
  body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; color: #1f2328; }
  .comment { margin: 24px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
  .header { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e; }
  .header b { color: #1f2328; }
  .body { padding: 16px; }
  h3 { margin: 0 0 16px; font-size: 20px; } h4 { margin: 24px 0 8px; font-size: 16px; }
  table { border-collapse: collapse; display: block; overflow: auto; margin: 0 0 16px; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; text-align: left; vertical-align: top; }
  tr:nth-child(2n) td { background: #f6f8fa; }
  code { font: 85% ui-monospace, SFMono-Regular, Menlo, monospace; background: rgba(129,139,152,.12); padding: .2em .4em; border-radius: 6px; }
  a { color: #0969da; text-decoration: none; }
  blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
  details summary { cursor: pointer; margin-bottom: 16px; }
  sub { color: #59636e; }
</style></head>
<body><div class="comment"><div class="header"><b>github-actions</b> <span>bot</span> commented</div>
<div class="body">${body}</div></div></body></html>
`;
}

async function screenshot(url, file, scratch) {
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    `--user-data-dir=${path.join(scratch, "profile")}`,
    `--screenshot=${file}`,
    `--window-size=${values.width},${values.height}`,
    url,
  ];
  try {
    await promisify(execFile)("chromium", args, { timeout: 60_000 });
  } catch (error) {
    console.error(`chromium failed (apt-get install -y chromium): ${error.message}`);
    process.exit(1);
  }
}
