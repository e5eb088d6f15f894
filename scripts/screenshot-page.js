// One page of `npm run screenshot` (scripts/screenshot.js): the markdown the Action or the bot sent,
// as GitHub shows it. GitHub Flavored Markdown by `marked`, styled by GitHub's own stylesheet
// (github-markdown-css); around it, only the frame GitHub draws: the comment box with its author, a
// pull request's or issue's title, and for a review each comment under the diff lines it is on, with
// a suggestion shown as GitHub shows it (the lines it replaces, then the new ones).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Marked } from "marked";

const require = createRequire(import.meta.url);
let stylesheet;

/** The HTML page of one shot (a `Shot` from test/docs/support/pages.ts); the screenshot is of `#frame`. */
export async function pageHtml(shot) {
  stylesheet ??= await readFile(require.resolve("github-markdown-css/github-markdown-light.css"), "utf8");
  const { page } = shot;
  let content;
  if (page.kind === "comment") content = commentBox(page.author, "commented", markdown(page.markdown));
  else if (page.kind === "pull" || page.kind === "issue") {
    const opened = page.kind === "pull" ? "wants to merge 1 commit" : "opened this issue";
    content = `<div class="title"><h1>${escapeHtml(page.title)} <span class="number">#${page.number}</span></h1>
<div class="state"><span class="badge">Open</span> <b>${escapeHtml(page.author)}</b> ${opened}</div></div>
${commentBox(page.author, "commented", markdown(page.markdown))}`;
  } else {
    const threads = page.threads.map((thread) => reviewThread(page.author, thread)).join("\n");
    const body = page.markdown.trim() ? `<div class="markdown-body box-body">${markdown(page.markdown)}</div>` : "";
    content = `<div class="box"><div class="box-header"><b>${escapeHtml(page.author)}</b> <span class="label">bot</span> reviewed</div>${body}
<div class="threads">${threads}</div></div>`;
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(shot.caption)}</title>
<style>${stylesheet}</style>
<style>${FRAME}</style></head>
<body><div id="frame" style="width:${shot.width}px">${content}</div></body></html>
`;
}

/** GFM as github.com renders comments: line breaks are breaks, raw HTML (details, sub, comments) kept. */
function markdown(text, suggestion) {
  const marked = new Marked({ gfm: true, breaks: true });
  if (suggestion) {
    marked.use({
      renderer: {
        code(token) {
          return token.lang === "suggestion" ? suggestion(token.text) : false;
        },
      },
    });
  }
  return taskLists(marked.parse(text));
}

/** GitHub's classes on task lists (`- [ ] …`), which its stylesheet needs to draw them without bullets. */
function taskLists(html) {
  return html
    .replace(/<li>(<p>)?<input /g, '<li class="task-list-item">$1<input class="task-list-item-checkbox" ')
    .replace(/<ul>(\s*<li class="task-list-item">)/g, '<ul class="contains-task-list">$1');
}

function commentBox(author, verb, html) {
  return `<div class="box"><div class="box-header"><b>${escapeHtml(author)}</b> <span class="label">bot</span> ${verb}</div>
<div class="markdown-body box-body">${html}</div></div>`;
}

function reviewThread(author, thread) {
  const hunk = thread.hunk
    .map((line) => {
      const kind = line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
      return `<tr class="${kind}"><td>${escapeHtml(line)}</td></tr>`;
    })
    .join("");
  const suggestion = (text) => {
    const removed = thread.original.map((line) => `<tr class="del"><td>-${escapeHtml(line)}</td></tr>`).join("");
    const added = text
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => `<tr class="add"><td>+${escapeHtml(line)}</td></tr>`)
      .join("");
    return `<div class="suggestion"><div class="suggestion-header">Suggested change</div><table class="diff">${removed}${added}</table>
<div class="suggestion-actions"><span class="button">Commit suggestion</span> <span class="button">Add suggestion to batch</span></div></div>`;
  };
  const lines = thread.startLine ? `lines ${thread.startLine} to ${thread.line}` : `line ${thread.line}`;
  return `<div class="thread"><div class="thread-path">${escapeHtml(thread.path)} <span class="muted">${lines}</span></div>
<table class="diff">${hunk}</table>
<div class="thread-comment"><div class="thread-author"><b>${escapeHtml(author)}</b> <span class="label">bot</span></div>
<div class="markdown-body">${markdown(thread.body, suggestion)}</div></div></div>`;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

/** github.com's timeline frame around the markdown (colours from Primer's light theme). */
const FRAME = `
body { margin: 0; padding: 24px; background: #fff; color: #1f2328;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; }
#frame { box-sizing: border-box; }
.box { border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; }
.box-header { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e; }
.box-header b, .thread-author b { color: #1f2328; }
.label { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; font-size: 12px; font-weight: 500; color: #59636e; }
.box-body { padding: 16px; }
.markdown-body { font-size: 14px; }
.title h1 { font-size: 32px; font-weight: 400; margin: 0 0 8px; line-height: 1.25; word-wrap: break-word; }
.title .number { color: #59636e; font-weight: 300; }
.state { margin-bottom: 16px; padding-bottom: 16px; border-bottom: 1px solid #d1d9e0; color: #59636e; }
.badge { display: inline-block; padding: 5px 12px; border-radius: 2em; background: #1f883d; color: #fff; font-weight: 500; margin-right: 4px; }
.threads { padding: 16px; }
.thread { border: 1px solid #d1d9e0; border-radius: 6px; margin-bottom: 16px; overflow: hidden; }
.thread-path { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; font: 12px ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
.muted { color: #59636e; }
.markdown-body table.diff, table.diff { display: table; width: 100%; max-width: none; margin: 0; border-collapse: collapse; font: 12px/20px ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
.markdown-body table.diff td, table.diff td { padding: 0 10px; border: 0; white-space: pre; }
.markdown-body table.diff tr { border: 0; background: none; }
tr.add td { background: #dafbe1; } tr.del td { background: #ffebe9; } tr.hunk td { background: #ddf4ff; color: #59636e; }
.thread-comment { padding: 16px; border-top: 1px solid #d1d9e0; }
.thread-author { margin-bottom: 8px; color: #59636e; }
.suggestion { border: 1px solid #d1d9e0; border-radius: 6px; margin: 0 0 16px; overflow: hidden; }
.suggestion-header { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; font-size: 12px; color: #59636e; }
.suggestion-actions { padding: 8px 16px; border-top: 1px solid #d1d9e0; text-align: right; }
.button { display: inline-block; padding: 3px 12px; border: 1px solid #d1d9e0; border-radius: 6px; background: #f6f8fa; font-size: 12px; font-weight: 500; }
`;
