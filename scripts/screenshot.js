#!/usr/bin/env node
// Screenshots what Plumbline writes on GitHub, from real output, in a real browser:
//
//   npm run screenshot                         all of them, and the manifest
//   npm run screenshot -- --only review,dashboard   some (the manifest keeps the others' entries)
//   npm run screenshot -- --html-only          the pages as HTML in build/screenshot/, no browser
//
// 1. test/docs/support/pages.ts runs the Action's bundle on pull requests against the test suite's mock
//    GitHub, and the drift bot against the bot tests' fake GitHub and recorded cluster, and keeps the
//    markdown they sent (the sticky comment, the review, the drift pull request, the dashboard).
// 2. scripts/screenshot-page.js turns each into a page as GitHub shows it: GitHub Flavored Markdown
//    by `marked`, GitHub's own stylesheet (github-markdown-css), the comment's frame.
// 3. playwright-core drives the machine's Chromium (Debian: `apt-get install -y chromium
//    fonts-noto-color-emoji`; or set PLUMBLINE_CHROMIUM to a Chromium or Chrome binary) and writes
//    docs/screenshots/<name>.png, and docs/screenshots/manifest.json with each page's SHA-256.
//
// test/docs/screenshots.test.ts re-creates the pages without a browser and fails when a hash differs
// from the manifest, so a change to what the Action or the bot writes needs `npm run screenshot`.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { pageHtml } from "./screenshot-page.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "docs", "screenshots");
const { values } = parseArgs({
  options: {
    "html-only": { type: "boolean", default: false },
    only: { type: "string" },
  },
});

const chromium = values["html-only"] ? undefined : findChromium();
const { captureShots, pageHash } = await loadPages();
const shots = (await captureShots()).filter((shot) => !values.only || values.only.split(",").includes(shot.name));
if (shots.length === 0) fail(`no page named ${values.only}`);

const entries = [];
if (values["html-only"]) {
  const htmlDir = path.join(root, "build", "screenshot");
  for (const shot of shots) {
    const file = path.join(htmlDir, `${shot.name}.html`);
    await writeFile(file, await pageHtml(shot));
    console.log(`wrote ${path.relative(root, file)}`);
  }
} else {
  await mkdir(outDir, { recursive: true });
  const { chromium: playwright } = await import("playwright-core");
  // --no-sandbox: root (as in CI containers) cannot use Chromium's sandbox; the pages are our own and load nothing
  const browser = await playwright
    .launch({ executablePath: chromium, args: ["--no-sandbox", "--disable-gpu"] })
    .catch((error) => fail(`${chromium} would not start: ${String(error.message).split("\n")[0]}`));
  try {
    for (const shot of shots) entries.push(await screenshot(browser, shot));
  } finally {
    await browser.close();
  }
  await writeManifest(entries);
}

/** Chromium from PLUMBLINE_CHROMIUM or PATH, or one line saying how to get it. */
function findChromium() {
  const fromEnv = process.env.PLUMBLINE_CHROMIUM;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    fail(`PLUMBLINE_CHROMIUM=${fromEnv} does not exist`);
  }
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    try {
      return execFileSync("sh", ["-c", 'command -v "$1"', "sh", name], { encoding: "utf8" }).trim();
    } catch {
      // not this one
    }
  }
  fail("no Chromium: apt-get install -y chromium fonts-noto-color-emoji, or set PLUMBLINE_CHROMIUM to its path");
}

function fail(message) {
  console.error(`npm run screenshot: ${message}`);
  process.exit(1);
}

/**
 * pages.ts is TypeScript that imports the test suite's mocks: esbuild bundles it (node_modules stay
 * outside). Each file's import.meta.url is kept as its source path, so the fixtures and the
 * repository root it finds from there are the source tree's, not build/'s.
 */
async function loadPages() {
  const outfile = path.join(root, "build", "screenshot", "pages.mjs");
  await build({
    absWorkingDir: root,
    entryPoints: ["./test/docs/support/pages.ts"],
    outfile,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    packages: "external",
    logLevel: "warning",
    plugins: [
      {
        name: "source-import-meta-url",
        setup(esbuild) {
          esbuild.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, "utf8")).replaceAll(
              "import.meta.url",
              JSON.stringify(pathToFileURL(args.path).href),
            ),
            loader: "ts",
          }));
        },
      },
    ],
  });
  return import(pathToFileURL(outfile).href);
}

async function screenshot(browser, shot) {
  const page = await browser.newPage({ viewport: { width: shot.width + 2 * 24, height: 800 }, deviceScaleFactor: 1 });
  try {
    await page.setContent(await pageHtml(shot), { waitUntil: "load" });
    // facts a reader of the PNG should not have to measure: tables that scroll sideways, and the height
    const layout = await page.evaluate(() => ({
      scrollingTables: [...document.querySelectorAll(".markdown-body table")].filter(
        (table) => table.scrollWidth > table.clientWidth + 1,
      ).length,
      height: document.querySelector("#frame")?.getBoundingClientRect().height ?? 0,
    }));
    const file = path.join(outDir, `${shot.name}.png`);
    await page.locator("#frame").screenshot({ path: file, animations: "disabled" });
    console.log(
      `wrote ${path.relative(root, file)} (${shot.width} px wide, ${Math.round(layout.height)} px tall${layout.scrollingTables ? `, ${layout.scrollingTables} table(s) scroll sideways` : ""})`,
    );
    return {
      name: shot.name,
      file: `${shot.name}.png`,
      caption: shot.caption,
      width: shot.width,
      sha256: pageHash(shot),
      tablesScrollingSideways: layout.scrollingTables,
    };
  } finally {
    await page.close();
  }
}

/** The manifest the currency test reads; a run with --only keeps the other entries. */
async function writeManifest(entries) {
  const file = path.join(outDir, "manifest.json");
  const previous = existsSync(file) ? JSON.parse(await readFile(file, "utf8")).screenshots : [];
  const byName = new Map(values.only ? previous.map((entry) => [entry.name, entry]) : []);
  for (const entry of entries) byName.set(entry.name, entry);
  const screenshots = [...byName.values()];
  const note = "Written by `npm run screenshot` (scripts/screenshot.js); test/docs/screenshots.test.ts checks each sha256.";
  await writeFile(file, `${JSON.stringify({ note, screenshots }, null, 2)}\n`);
  if (!values.only) {
    // a screenshot no longer produced must not stay behind looking current
    const kept = new Set(screenshots.map((entry) => entry.file));
    for (const name of await readdir(outDir)) {
      if (name.endsWith(".png") && !kept.has(name)) await rm(path.join(outDir, name));
    }
  }
  console.log(`wrote ${path.relative(root, file)}`);
}
