#!/usr/bin/env node
// Headless-browser check of the built lowrank-rnn-notebooks site.
//
//   node site/check_site.mjs [SITE_DIR...] [--student|--full] [--screenshots DIR]
//
// SITE_DIR defaults to site/_build/html (several may be given, e.g. site/_build/html
// site/_build/student); a folder named "student" is checked as the student edition unless
// --full is given.  Screenshots go to --screenshots DIR, else
// $SITE_SCREENSHOT_DIR, else site/_build/screenshots.  The browser is Debian's chromium
// (apt-get install chromium), or $CHROMIUM_PATH; playwright-core (npm) drives it and never
// downloads a browser.
//
// The site is served from 127.0.0.1 by this script.  Every HTML page is opened, and the check
// FAILS (exit 1) when a page
//   - requests anything that is not on this server (the request is blocked and reported),
//   - gets an HTTP error for one of its own assets, or throws a JavaScript error,
//   - leaves math untypeset (a .math element without mjx-container, or raw \( \[ $..$ text),
//   - has a missing or broken image (naturalWidth 0),
//   - shows a cell error (traceback / error output; an exercise stub's expected one-line
//     error is fine) or an unrendered widget, or a widget demo without its figure,
//   - has an animation (matplotlib's to_jshtml, or lrnn_utils.plotting.animation_html)
//     whose Play button does not change the frame,
//   - weighs more than 3 MB (the HTML and everything it loads from the site, each file once;
//     $SITE_PAGE_BUDGET_BYTES overrides),
//   - has a code line cut off on the right at desktop width (a code block -- cell source or
//     printed output -- whose scrollWidth exceeds its clientWidth; reported with the number
//     of lines per page, source and output lines apart),
//   - shows a figure with fewer than 2 image pixels per CSS pixel, or whose smallest text is
//     estimated below 11 CSS px at desktop width (method: the PNG's own resolution, its pHYs
//     chunk = the dpi matplotlib drew it at, gives image pixels per point, dpi/72; times the
//     displayed scale clientWidth/naturalWidth gives CSS px per point; times the smallest font
//     size used in the figures, $SITE_FIGURE_MIN_FONT_PT, default 9 pt = the tick labels
//     and legends of lrnn_utils.plotting's house style, which tests/test_figure_style.py
//     keeps the smallest text of every notebook figure, gives the smallest text in CSS px),
//   - has a kernel-free slider demo (.lrnn-static-demo) whose slider does not change the
//     shown frame,
//   - has a raw-LaTeX page title (tab title, search index), no favicon or no licence in the
//     footer,
// and, on notebook pages, when the .ipynb download (with its first "how to get lrnn_utils"
// cell) or prev/next navigation is missing, or a Binder link is missing although
// $LRNN_REPOSITORY_URL is set (present although it is not, or in the student edition); on
// the student edition (every page), when a solution is on a page or in a downloadable
// notebook, a notebook link leads anywhere but this edition's own downloads, a launch
// link (Binder, Colab, JupyterHub) or a link into the repository is on the page, or the
// text tells the reader to clone the (full) repository.
// On the index and the first notebook page of each edition, at 400 px and at 1300 px, it
// clicks the menu (primary sidebar) and contents (secondary sidebar) buttons and fails if
// nothing opens (or, on desktop, if the menu button does not collapse the sidebar); those
// pages are screenshotted at both widths.
//
// $SITE_CHECK_WARN (comma-separated kinds: clipped-code, figure-density, figure-text,
// page-weight) turns
// those failures into warnings, for content that is still being fixed; .ci/run sets only what
// the notebooks do not meet yet.
// It exits 2 on usage errors (no site, no browser).

import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { gzipSync } from "node:zlib";

import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));

// -- arguments -------------------------------------------------------------------------------
const USAGE = "usage: node site/check_site.mjs [SITE_DIR...] [--student|--full] [--screenshots DIR]";
const argv = process.argv.slice(2);
const siteArgs = [];
let forcedVariant = null;
let shotDir = process.env.SITE_SCREENSHOT_DIR || null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--student") forcedVariant = "student";
  else if (a === "--full") forcedVariant = "full";
  else if (a === "--screenshots") shotDir = argv[++i];
  else if (a.startsWith("--screenshots=")) shotDir = a.slice("--screenshots=".length);
  else if (a === "-h" || a === "--help") {
    console.log(USAGE);
    process.exit(0);
  } else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else siteArgs.push(a);
}
if (siteArgs.length === 0) siteArgs.push(path.join(HERE, "_build", "html"));
shotDir = path.resolve(shotDir ?? path.join(HERE, "_build", "screenshots"));
const PAGE_TIMEOUT_MS = Number(process.env.SITE_CHECK_TIMEOUT_MS || 60000);
const PAGE_BUDGET = Number(process.env.SITE_PAGE_BUDGET_BYTES || 3_000_000);
const MIN_FONT_PT = Number(process.env.SITE_FIGURE_MIN_FONT_PT || 9);
const MIN_TEXT_PX = 11;
const MIN_DENSITY = 2;
const WARN_KINDS = new Set((process.env.SITE_CHECK_WARN || "").split(",").map((k) => k.trim()).filter(Boolean));
for (const k of WARN_KINDS) {
  if (!["clipped-code", "figure-density", "figure-text", "page-weight"].includes(k)) usage(`SITE_CHECK_WARN: unknown kind ${k}`);
}
const REPOSITORY_URL = (process.env.LRNN_REPOSITORY_URL || "").trim();
const DESKTOP = { width: 1300, height: 900 };
const PHONE = { width: 400, height: 800 };
const MAX_PER_KIND = 6;

function usage(msg) {
  console.error(`check_site: ${msg}`);
  console.error(USAGE);
  process.exit(2);
}

const sites = siteArgs.map((d) => {
  const dir = path.resolve(d);
  if (!existsSync(path.join(dir, "index.html"))) usage(`no built site at ${dir} (run bash site/build.sh)`);
  return { dir, variant: forcedVariant ?? (path.basename(dir) === "student" ? "student" : "full") };
});

function findBrowser() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const c of candidates) if (c && existsSync(c)) return c;
  usage("no Chromium found: apt-get install -y chromium (or set CHROMIUM_PATH)");
}
const browserPath = findBrowser();

// -- pages -----------------------------------------------------------------------------------
function listPages(dir, rel = "") {
  const out = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    if (name.startsWith("_") || name.startsWith(".")) continue; // _static, _sources, _images
    const st = statSync(path.join(dir, r));
    if (st.isDirectory()) out.push(...listPages(dir, r));
    else if (name.endsWith(".html")) out.push(r);
  }
  return out;
}

// -- static server on 127.0.0.1 --------------------------------------------------------------
const MIME = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".ipynb": "application/x-ipynb+json", ".png": "image/png",
  ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml",
  ".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf",
  ".otf": "font/otf", ".eot": "application/vnd.ms-fontobject", ".txt": "text/plain; charset=utf-8",
  ".map": "application/json", ".inv": "application/octet-stream", ".md": "text/plain; charset=utf-8",
};
async function serve(root) {
  const server = createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) return void res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": MIME[path.extname(file).toLowerCase()] || "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
let origin = null; // origin of the site being checked
const isLocal = (url) => {
  try {
    const u = new URL(url);
    if (u.protocol === "data:" || u.protocol === "blob:" || u.protocol === "about:") return true;
    return u.origin === origin;
  } catch {
    return false;
  }
};

// -- browser -----------------------------------------------------------------------------------
const userDataDir = mkdtempSync(path.join(tmpdir(), "lrnn-site-check-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: browserPath,
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--no-pings",
    // belt and braces: even a preconnect/DNS prefetch of a page's outbound links stays local
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
  ],
  viewport: DESKTOP,
  serviceWorkers: "block",
});

let current = null; // the page record requests are attributed to
const orphanExternal = new Set();
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (isLocal(url)) return route.continue();
  (current?.external ?? orphanExternal).add(url);
  return route.abort("blockedbyclient");
});

// -- in-page probes --------------------------------------------------------------------------
async function settle(page) {
  // images: load everything now (no lazy loading), then wait for them
  await page.evaluate(async () => {
    for (const img of document.images) img.loading = "eager";
    await Promise.all(
      [...document.images].map((img) =>
        img.complete ? null : new Promise((r) => { img.addEventListener("load", r); img.addEventListener("error", r); setTimeout(r, 10000); })),
    );
  });
  // MathJax: wait until typesetting finished (if it never loads, inspect() reports the math)
  const notes = [];
  const hasMath = await page.evaluate(() => !!document.querySelector(".math, .amsmath"));
  if (hasMath) {
    const ready = await page.waitForFunction(
      () => window.MathJax && window.MathJax.startup && window.MathJax.startup.promise,
      null, { timeout: 20000 },
    ).then(() => true, () => false);
    if (ready) await page.evaluate(async () => { await window.MathJax.startup.promise; });
    else notes.push("MathJax did not load on a page with math");
  }
  // widgets: every view script gets a rendered .widget-subarea in front of it
  const nViews = await page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count();
  if (nViews > 0) {
    await page.waitForFunction(
      () => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')].every((s) => {
        const prev = s.previousElementSibling;
        return prev && prev.classList.contains("widget-subarea") && prev.querySelector(".jupyter-widgets");
      }),
      null, { timeout: 20000 },
    ).catch(() => {});
    // outputs inside widgets (figures) render asynchronously: wait for their images too
    await page.waitForTimeout(500);
    await page.evaluate(async () => {
      await Promise.all([...document.images].map((img) => (img.complete ? null : new Promise((r) => { img.addEventListener("load", r); img.addEventListener("error", r); setTimeout(r, 10000); }))));
    });
  }
  return notes;
}

function inspect() {
  // runs in the page
  const problems = [];
  const stats = { math: 0, images: 0, widgets: 0, animations: 0 };
  const snippet = (s) => s.replace(/\s+/g, " ").trim().slice(0, 120);
  const label = (el) => {
    const sec = el.closest("section[id]");
    return sec ? ` (section #${sec.id})` : "";
  };

  // math
  for (const el of document.querySelectorAll(".math, .amsmath")) {
    stats.math++;
    if (!el.querySelector("mjx-container")) problems.push(`untypeset math: ${snippet(el.textContent)}${label(el)}`);
  }
  const skip = "pre, code, script, style, textarea, mjx-container, .highlight, .cell_input, .output.text_plain, .output.stream, kbd, samp";
  const walker = document.createTreeWalker(document.querySelector("main, article, body") || document.body, NodeFilter.SHOW_TEXT);
  const rawMath = [/\\\(|\\\)|\\\[|\\\]/, /\\begin\{|\\frac\{|\\mathcal\{|\\sum_/, /\\[a-zA-Z]{2,}(?![a-zA-Z])/, /(^|[^\\$\w])\$[^$\s][^$]*?[^$\s\\]\$(?!\d)/, /(^|[^\\$\w])\$[^$\s]\$/, /\$\$/];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    // (.onlyprint: the theme's print-only page title, which repeats the h1 as plain text)
    if (parent.closest("[hidden], .visually-hidden, .sr-only, mjx-assistive-mml, .onlyprint")) continue;
    const t = node.textContent;
    if (rawMath.some((re) => re.test(t))) problems.push(`raw math text left on the page: "${snippet(t)}"${label(parent)}`);
  }

  // images
  for (const img of document.images) {
    stats.images++;
    const src = img.currentSrc || img.getAttribute("src") || "";
    if (!src) problems.push(`image without src (id=${img.id || "-"})${label(img)}`);
    else if (!img.complete || img.naturalWidth === 0) problems.push(`broken image: ${src.slice(0, 120)}${label(img)}`);
  }

  // cell errors
  // (an exercise stub, tagged raises-exception, shows its expected one-line error instead)
  for (const el of document.querySelectorAll(".cell_output .traceback, .cell_output .output.error, .output.traceback, .output.error, .output.stderr")) {
    problems.push(`cell error output: ${snippet(el.textContent)}${label(el)}`);
  }
  for (const el of document.querySelectorAll(".cell_output, .output_area, .jupyter-widgets-output-area")) {
    if (el.closest(".tag_raises-exception")) continue;
    const t = el.textContent;
    if (/Traceback \(most recent call last\)|^\s*\w+Error: /m.test(t)) problems.push(`traceback in output: ${snippet(t)}${label(el)}`);
  }
  for (const el of document.querySelectorAll(".admonition.error, .system-message, .problematic")) {
    problems.push(`error/system message on page: ${snippet(el.textContent)}${label(el)}`);
  }

  // widgets
  for (const s of document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')) {
    stats.widgets++;
    const prev = s.previousElementSibling;
    const w = prev && prev.classList.contains("widget-subarea") ? prev.querySelector(".jupyter-widgets") : null;
    if (!w) problems.push(`widget not rendered (model ${JSON.parse(s.textContent).model_id})${label(s)}`);
    else if (w.querySelector(".jupyter-widgets-output-area") && !w.querySelector(".jupyter-widgets-output-area img, .jupyter-widgets-output-area svg, .jupyter-widgets-output-area pre, .jupyter-widgets-output-area .jp-RenderedHTMLCommon")) {
      problems.push(`interactive demo shows no output (the figure drawn with the default values is missing)${label(s)}`);
    }
  }
  if (stats.widgets && document.querySelector(".widget-error, .jupyter-widgets .jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")) {
    problems.push("widget error/stderr output");
  }
  stats.animations = document.querySelectorAll(".animation img[id^='_anim_img']").length;
  return { problems, stats };
}

async function checkAnimations(page) {
  const problems = [];
  const imgs = page.locator(".animation img[id^='_anim_img']");
  const n = await imgs.count();
  for (let i = 0; i < n; i++) {
    const img = imgs.nth(i);
    const id = (await img.getAttribute("id")).slice("_anim_img".length);
    const before = await img.getAttribute("src");
    await page.evaluate((animId) => { window[`anim${animId}`]?.first_frame?.(); window[`anim${animId}`]?.play_animation?.(); }, id)
      .catch(() => {});
    const button = page.locator(`.animation button[onclick="anim${id}.play_animation()"]`);
    if ((await button.count()) === 0) problems.push(`animation ${i + 1}: no Play button`);
    let changed = false;
    for (let t = 0; t < 40 && !changed; t++) {
      await page.waitForTimeout(100);
      const src = await img.getAttribute("src");
      changed = !!src && src !== before;
    }
    await page.evaluate((animId) => window[`anim${animId}`]?.pause_animation?.(), id).catch(() => {});
    if (!changed) problems.push(`animation ${i + 1}: playing does not change the frame (only one frame, or its script did not run)`);
  }
  // lrnn_utils.plotting.animation_html: <div class="lrnn-anim" id=U> with #U-img, #U-play
  const players = page.locator(".lrnn-anim[id]");
  const m = await players.count();
  for (let i = 0; i < m; i++) {
    const uid = await players.nth(i).getAttribute("id");
    const img = page.locator(`[id="${uid}-img"]`);
    const play = page.locator(`[id="${uid}-play"]`);
    const what = `animation ${n + i + 1} (${uid})`;
    if ((await img.count()) === 0 || (await play.count()) === 0) {
      problems.push(`${what}: no frame image or no Play button`);
      continue;
    }
    const before = await img.getAttribute("src");
    await play.click().catch(() => {});
    let changed = false;
    for (let t = 0; t < 40 && !changed; t++) {
      await page.waitForTimeout(100);
      const src = await img.getAttribute("src");
      changed = !!src && src !== before;
    }
    if ((await play.textContent())?.trim() === "Pause") await play.click().catch(() => {});
    if (!changed) problems.push(`${what}: playing does not change the frame (only one frame, or its script did not run)`);
  }
  return problems;
}

async function checkStudentEdition(page, site) {
  // the student edition offers only its own (solution-free) notebooks and never the
  // full repository (it holds the solutions): every page, the index included
  const problems = [];
  const info = await page.evaluate(() => ({
    text: document.querySelector("main, .bd-main, body")?.innerText ?? "",
    links: [...document.querySelectorAll("a[href]")].map((a) => ({ href: a.href, raw: a.getAttribute("href") })),
  }));
  const clone = info.text.match(/[^.\n]*\b(git clone|clon(e|ing) (the|this|our) repository|git\+https?:)[^.\n]*/i);
  if (clone) problems.push(`student edition tells the reader to clone the repository: "${clone[0].trim().slice(0, 120)}"`);
  const launch = info.links.filter((l) => /mybinder\.org|colab\.research\.google|\/hub\/user-redirect|jupyterhub/i.test(l.href));
  if (launch.length) problems.push(`student edition has a launch link (it would open the full repository): ${launch[0].href}`);
  if (REPOSITORY_URL) {
    const repo = info.links.filter((l) => l.href.startsWith(REPOSITORY_URL.replace(/\/$/, "")));
    if (repo.length) problems.push(`student edition links into the repository (solutions included): ${repo[0].href}`);
  }
  // (a link whose path is a notebook; "#NN_topic.ipynb" fragments of a partial build are not)
  const notebooks = [...new Set(info.links.filter((l) => { try { return new URL(l.href).pathname.endsWith(".ipynb"); } catch { return false; } }).map((l) => l.href.replace(/[?#].*$/, "")))];
  for (const href of notebooks) {
    if (!isLocal(href) || !/\/_sources\//.test(new URL(href).pathname)) {
      problems.push(`student edition links to a notebook that is not one of its downloads: ${href}`);
      continue;
    }
    const resp = await page.request.get(href);
    if (!resp.ok()) { problems.push(`student notebook download ${href} -> HTTP ${resp.status()}`); continue; }
    try {
      const nb = JSON.parse(await resp.text());
      const nSol = (nb.cells || []).filter((c) => (c.metadata?.tags || []).includes("solution")).length;
      if (nSol) problems.push(`student .ipynb download still has ${nSol} solution cell(s): ${new URL(href).pathname}`);
      const clones = (nb.cells || []).filter((c) => /git clone|git\+https?:|clon(e|ing) (the|this|our) repository/i.test([].concat(c.source).join("")));
      if (clones.length) problems.push(`student .ipynb download tells the reader to clone the repository: ${new URL(href).pathname}`);
    } catch (e) {
      problems.push(`student notebook download ${href} is not JSON: ${e.message}`);
    }
  }
  return problems;
}

async function checkNotebookPage(page, rel, { variant, notebookPages }) {
  const problems = [];
  const info = await page.evaluate(() => ({
    ipynb: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")).filter((h) => /_sources\/.*\.ipynb$/.test(h)),
    binder: [...document.querySelectorAll("a[href]")].map((a) => a.href).filter((h) => /mybinder\.org\/v2\//.test(h)),
    placeholder: [...document.querySelectorAll("a[href]")].map((a) => a.href).filter((h) => /lowrank-rnn-notebooks|mybinder/.test(h)), // this project's repository (a placeholder), not cited work
    prev: document.querySelector("a.prev-page, link[rel='prev']")?.getAttribute("href") ?? null,
    next: document.querySelector("a.next-page, link[rel='next']")?.getAttribute("href") ?? null,
    solutionsOnPage: document.querySelectorAll(".tag_solution, .lrnn-solution").length,
    solutionsFolded: [...document.querySelectorAll(".cell.tag_solution")].every((c) => c.querySelector(":scope > details") && !c.querySelector(":scope > details[open]")),
  }));
  if (info.ipynb.length === 0) problems.push("no .ipynb download link");
  // launch links only with a real repository (LRNN_REPOSITORY_URL) and never in the student
  // edition (Binder would open the full repository)
  const wantBinder = !!REPOSITORY_URL && variant === "full";
  if (!wantBinder && info.binder.length) problems.push(`Binder link although ${variant === "student" ? "this is the student edition" : "LRNN_REPOSITORY_URL is not set"}: ${info.binder[0]}`);
  if (wantBinder && info.binder.length === 0) problems.push("no Binder link");
  else if (wantBinder && !info.binder.some((h) => h.includes(rel.replace(/\.html$/, ".ipynb")))) problems.push(`Binder link does not open ${rel.replace(/\.html$/, ".ipynb")}: ${info.binder[0]}`);
  if (!REPOSITORY_URL && info.placeholder.length) problems.push(`link to a repository although LRNN_REPOSITORY_URL is not set: ${info.placeholder[0]}`);
  if (!info.prev) problems.push("no 'previous' navigation");
  const idx = notebookPages.indexOf(rel);
  if (idx < notebookPages.length - 1) {
    const want = path.posix.basename(notebookPages[idx + 1]);
    if (!info.next || !info.next.endsWith(want)) problems.push(`'next' goes to ${info.next}, expected ${want} (lecture order)`);
  }
  if (variant === "student" && info.solutionsOnPage > 0) problems.push(`student edition shows ${info.solutionsOnPage} solution(s)`);
  if (variant === "full" && !info.solutionsFolded) problems.push("a solution cell is not folded in a dropdown");
  if (info.ipynb.length) {
    const url = new URL(info.ipynb[0], page.url()).href;
    const resp = await page.request.get(url);
    if (!resp.ok()) problems.push(`.ipynb download ${url} -> HTTP ${resp.status()}`);
    else {
      try {
        const nb = JSON.parse(await resp.text());
        const nSol = (nb.cells || []).filter((c) => (c.metadata?.tags || []).includes("solution")).length;
        if (!Array.isArray(nb.cells) || !nb.nbformat) problems.push(".ipynb download is not a notebook");
        if (variant === "student" && nSol > 0) problems.push(`student .ipynb download still has ${nSol} solution cell(s)`);
        const first = (nb.cells || [])[0];
        const firstText = first ? [].concat(first.source).join("") : "";
        if (!first || first.cell_type !== "markdown" || !/lrnn_utils/.test(firstText) || !/pip install/.test(firstText)) problems.push(".ipynb download does not start with a cell saying how to install lrnn_utils");
        if (variant === "student" && /git\+|clone/i.test(firstText)) problems.push("student .ipynb download points at the full repository");
      } catch (e) {
        problems.push(`.ipynb download is not JSON: ${e.message}`);
      }
    }
  }
  return problems;
}

// -- layout probes (desktop width) -----------------------------------------------------------
async function openAllDetails(page) {
  // folded code ("show code", solutions) must fit too once opened
  await page.evaluate(() => { for (const d of document.querySelectorAll(".bd-content details")) d.open = true; });
  await page.waitForTimeout(100);
}

function measureCode() {
  // runs in the page: code blocks wider than their box, and how many lines do not fit
  const out = { blocks: 0, lines: 0, outputLines: 0, longest: 0, columns: null, examples: [] };
  for (const pre of document.querySelectorAll(".bd-content div.highlight pre")) {
    if (pre.clientWidth === 0) continue;
    const cs = getComputedStyle(pre);
    const probe = document.createElement("span");
    probe.style.fontFamily = cs.fontFamily;
    probe.style.fontSize = cs.fontSize;
    probe.style.fontWeight = cs.fontWeight;
    probe.style.whiteSpace = "pre";
    probe.style.position = "absolute";
    probe.style.visibility = "hidden";
    probe.textContent = "0".repeat(100);
    document.body.appendChild(probe);
    const ch = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const inner = pre.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const cols = Math.floor(inner / ch);
    out.columns = out.columns === null ? cols : Math.min(out.columns, cols);
    if (pre.scrollWidth <= pre.clientWidth + 1) continue;
    out.blocks++;
    const isOutput = !!pre.closest(".cell_output, .output");
    for (const line of pre.textContent.split("\n")) {
      if (line.length > cols) {
        out.lines++;
        if (isOutput) out.outputLines++;
        out.longest = Math.max(out.longest, line.length);
        if (out.examples.length < 2) out.examples.push(line.trim().slice(0, 60));
      }
    }
  }
  return out;
}

async function measureFigures(page) {
  // runs in the page: every shown raster figure, its pixel density and smallest text size
  return page.evaluate(async ({ minPt }) => {
    function pngDpi(bytes) {
      // PNG pHYs chunk: pixels per unit (x), unit 1 = metre
      const v = new DataView(bytes);
      if (v.byteLength < 24 || v.getUint32(0) !== 0x89504e47) return null;
      for (let off = 8; off + 12 <= v.byteLength;) {
        const len = v.getUint32(off);
        const type = String.fromCharCode(v.getUint8(off + 4), v.getUint8(off + 5), v.getUint8(off + 6), v.getUint8(off + 7));
        if (type === "pHYs" && v.getUint8(off + 16) === 1) return (v.getUint32(off + 8) * 0.0254);
        if (type === "IDAT" || type === "IEND") return null;
        off += 12 + len;
      }
      return null;
    }
    const sel = ".bd-content div.cell_output img, .bd-content .lrnn-static-demo img, .bd-content .animation img, .bd-content figure img";
    const res = [];
    for (const img of document.querySelectorAll(sel)) {
      if (!img.naturalWidth || img.clientWidth === 0) continue;
      const src = img.currentSrc || img.src;
      let dpi = null;
      try {
        if (/\.png($|\?)|^data:image\/png/.test(src)) dpi = pngDpi(await (await fetch(src)).arrayBuffer());
      } catch { dpi = null; }
      const density = img.naturalWidth / img.clientWidth;
      const sec = img.closest("section[id]");
      // CSS px per point = (image px per point) * (CSS px per image px)
      const textPx = dpi ? minPt * (dpi / 72) * (img.clientWidth / img.naturalWidth) : null;
      res.push({ density, dpi, textPx, natural: img.naturalWidth, shown: img.clientWidth, where: sec ? `#${sec.id}` : "-" });
    }
    return res;
  }, { minPt: MIN_FONT_PT });
}

async function checkStaticDemos(page) {
  // each kernel-free demo: moving a slider must swap the shown frame
  const problems = [];
  const demos = page.locator(".lrnn-static-demo");
  const n = await demos.count();
  for (let i = 0; i < n; i++) {
    const demo = demos.nth(i);
    const sliders = demo.locator("input[type=range]");
    const ns = await sliders.count();
    if (ns === 0) { problems.push(`static demo ${i + 1}: no slider (input[type=range])`); continue; }
    if ((await demo.locator("img").count()) === 0) { problems.push(`static demo ${i + 1}: no image`); continue; }
    for (let k = 0; k < ns; k++) {
      const srcs = () => demo.locator("img").evaluateAll((els) => els.map((e) => e.getAttribute("src")));
      const before = await srcs();
      await sliders.nth(k).evaluate((el) => {
        const min = Number(el.min || 0), max = Number(el.max || 100);
        el.value = String(Number(el.value) === max ? min : max);
        el.dispatchEvent(new Event("input", { bubbles: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
      });
      await page.waitForTimeout(50);
      const after = await srcs();
      if (JSON.stringify(before) === JSON.stringify(after)) problems.push(`static demo ${i + 1}: moving slider ${k + 1} does not change the frame`);
    }
  }
  return { problems, count: n };
}

// -- navigation: menu and contents buttons at phone and desktop width -----------------------------
function navState() {
  // runs in the page: what is open / visible
  const vis = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 20 && r.height > 20 && cs.visibility !== "hidden" && cs.display !== "none" && r.right > 5 && r.left < innerWidth - 5;
  };
  return {
    dialogs: [...document.querySelectorAll("dialog")].filter((d) => d.open && vis(d)).map((d) => d.id || "dialog"),
    primary: vis(document.querySelector("#pst-primary-sidebar, .bd-sidebar-primary")),
    secondary: vis(document.querySelector("#pst-secondary-sidebar, .bd-sidebar-secondary")),
    dialogLinks: [...document.querySelectorAll("dialog[open] a[href]")].length,
  };
}

async function checkNavigation(page, url, vp, shotBase) {
  const problems = [];
  await page.setViewportSize(vp);
  await page.goto(url, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
  await page.waitForTimeout(300);
  if (shotBase) await page.screenshot({ path: path.join(shotDir, `${shotBase}-${vp.width}px.png`) });
  for (const [name, sel, part] of [["menu", ".primary-toggle", "primary"], ["contents", ".secondary-toggle", "secondary"]]) {
    const buttons = page.locator(sel);
    let target = null;
    for (let i = 0; i < (await buttons.count()); i++) if (await buttons.nth(i).isVisible()) { target = buttons.nth(i); break; }
    if (!target) {
      // no visible button is fine only where that sidebar is shown anyway (desktop)
      const st = await page.evaluate(navState);
      if (!st[part]) problems.push(`${vp.width} px: no visible ${name} button and no ${part} sidebar`);
      continue;
    }
    const before = await page.evaluate(navState);
    await target.click();
    await page.waitForTimeout(400);
    const after = await page.evaluate(navState);
    const opened = after.dialogs.length > before.dialogs.length || (after[part] && !before[part]);
    const collapsed = before[part] && !after[part];
    if (vp.width < 992 && !opened) problems.push(`${vp.width} px: the ${name} button opens nothing`);
    else if (vp.width >= 992 && !opened && !collapsed) problems.push(`${vp.width} px: the ${name} button neither opens nor collapses the ${part} sidebar`);
    if (name === "menu" && vp.width >= 992 && before.primary && !collapsed) problems.push(`${vp.width} px: the menu button does not collapse the sidebar`);
    if (shotBase && opened && vp.width < 992) await page.screenshot({ path: path.join(shotDir, `${shotBase}-${vp.width}px-${name}.png`) });
    // close again (Escape closes the dialogs; a second click restores a collapsed sidebar)
    if (after.dialogs.length) await page.keyboard.press("Escape");
    else await target.click().catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.setViewportSize(DESKTOP);
  return problems;
}

// -- run -------------------------------------------------------------------------------------
let failed = 0;
let passed = 0;
let warned = 0;
mkdirSync(shotDir, { recursive: true });

const summary = []; // one record per page: size, clipped code, figures

// Page weight as Lighthouse counts it: transfer bytes, i.e. what a web server that compresses
// (gzip, as every static host does) sends; PNG/woff2 do not shrink, HTML/JS/CSS do.  The raw
// size on disk is reported too.
const sizeCache = new Map();
function fileWeight(f) {
  if (!sizeCache.has(f)) {
    const raw = statSync(f).size;
    const compressible = /\.(html|js|mjs|css|json|svg|txt|map|ipynb|ttf|eot|otf)$/i.test(f);
    sizeCache.set(f, { raw, transfer: compressible ? gzipSync(readFileSync(f), { level: 6 }).length : raw });
  }
  return sizeCache.get(f);
}

function localFile(site, url) {
  try {
    const u = new URL(url);
    if (u.origin !== origin) return null;
    let f = path.join(site.dir, path.normalize(decodeURIComponent(u.pathname)));
    if (existsSync(f) && statSync(f).isDirectory()) f = path.join(f, "index.html");
    return existsSync(f) ? f : null;
  } catch {
    return null;
  }
}

async function checkPage(site, rel, shotName) {
  const rec = { external: new Set(), httpErrors: [], jsErrors: [], files: new Set() };
  current = rec;
  const page = await context.newPage();
  page.on("response", (r) => {
    if (isLocal(r.url()) && r.status() >= 400) rec.httpErrors.push(`HTTP ${r.status()} ${r.url().slice(origin.length)}`);
    const f = isLocal(r.url()) ? localFile(site, r.url()) : null;
    if (f) rec.files.add(f);
  });
  page.on("requestfailed", (r) => {
    if (isLocal(r.url())) rec.httpErrors.push(`request failed: ${r.url().slice(origin.length)} (${r.failure()?.errorText})`);
  });
  page.on("pageerror", (e) => rec.jsErrors.push(`JavaScript error: ${String(e.message || e).split("\n")[0]}`));
  page.on("console", (m) => {
    // a blocked external request is already reported as such
    if (m.type() === "error" && !/ERR_BLOCKED_BY_CLIENT/.test(m.text())) rec.jsErrors.push(`console error: ${m.text().slice(0, 200)}`);
  });
  page.on("websocket", (ws) => { if (!isLocal(ws.url().replace(/^ws/, "http"))) rec.external.add(ws.url()); });

  const problems = [];
  const warnings = [];
  const soft = (kind, msg) => (WARN_KINDS.has(kind) ? warnings : problems).push(msg);
  let stats = {};
  const row = { page: `${site.variant}:${rel}`, bytes: 0, raw: 0, clipped: 0, minDensity: null, minTextPx: null };
  try {
    await page.goto(`${origin}/${rel}`, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
    problems.push(...(await settle(page)));
    const r = await page.evaluate(inspect);
    problems.push(...r.problems);
    stats = r.stats;
    problems.push(...(await checkAnimations(page)));
    const demos = await checkStaticDemos(page);
    problems.push(...demos.problems);
    if (demos.count) stats.demos = demos.count;
    problems.push(...(await checkPageChrome(page)));
    if (rel.startsWith("notebooks/")) problems.push(...(await checkNotebookPage(page, rel, site)));
    if (site.variant === "student") problems.push(...(await checkStudentEdition(page, site)));
    if (shotName) {
      await page.evaluate(() => window.scrollTo(0, 0));
      // (a long page with many figures takes a while on a busy 2-core machine)
      await page.screenshot({ path: path.join(shotDir, `${shotName}.png`), fullPage: true, timeout: 3 * PAGE_TIMEOUT_MS });
      if (rel.startsWith("notebooks/") && site.variant === "full") {
        // dark mode (the theme follows prefers-color-scheme): figures must stay readable
        const dark = await context.newPage();
        await dark.emulateMedia({ colorScheme: "dark" });
        await dark.goto(`${origin}/${rel}`, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
        await settle(dark);
        await dark.screenshot({ path: path.join(shotDir, `${shotName}-dark.png`), fullPage: true, timeout: 3 * PAGE_TIMEOUT_MS });
        await dark.close();
      }
    }
    // at desktop width, with every fold opened: clipped code, figure density and text size
    await openAllDetails(page);
    const code = await page.evaluate(measureCode);
    row.clipped = code.lines;
    row.clippedOutput = code.outputLines;
    if (code.lines) {
      soft("clipped-code", `clipped code: ${code.lines} line(s) (${code.lines - code.outputLines} of cell source, ${code.outputLines} of output) in ${code.blocks} block(s) longer than the ${code.columns} columns shown (longest ${code.longest}), e.g. "${code.examples[0]}"`);
    }
    const figs = await measureFigures(page);
    for (const f of figs) {
      row.minDensity = row.minDensity === null ? f.density : Math.min(row.minDensity, f.density);
      if (f.textPx !== null) row.minTextPx = row.minTextPx === null ? f.textPx : Math.min(row.minTextPx, f.textPx);
      if (f.density < MIN_DENSITY - 1e-6) soft("figure-density", `figure density: ${f.natural} px shown at ${f.shown} CSS px = ${f.density.toFixed(2)}x < ${MIN_DENSITY}x (${f.where})`);
      if (f.textPx === null) soft("figure-text", `figure text: no resolution (pHYs) in the image, text size unknown (${f.where})`);
      else if (f.textPx < MIN_TEXT_PX - 1e-6) soft("figure-text", `figure text: ${MIN_FONT_PT} pt at ${Math.round(f.dpi)} dpi shown at ${(f.shown / f.natural).toFixed(2)} = ${f.textPx.toFixed(1)} CSS px < ${MIN_TEXT_PX} (${f.where})`);
    }
    if (figs.length) stats.figures = figs.length;
    if (shotName) {
      for (const vp of [PHONE, DESKTOP]) problems.push(...(await checkNavigation(page, `${origin}/${rel}`, vp, shotName)));
    }
  } catch (e) {
    problems.push(`could not check the page: ${String(e.message || e).split("\n")[0]}`);
  }
  await page.close();
  current = null;
  for (const f of rec.files) {
    const w = fileWeight(f);
    row.bytes += w.transfer;
    row.raw += w.raw;
  }
  if (row.bytes > PAGE_BUDGET) soft("page-weight", `page weight: ${(row.bytes / 1e6).toFixed(2)} MB transferred (${(row.raw / 1e6).toFixed(2)} MB on disk) > ${(PAGE_BUDGET / 1e6).toFixed(2)} MB (HTML + what it loads)`);
  summary.push(row);
  for (const u of rec.external) problems.push(`request leaves the machine (blocked): ${u}`);
  problems.push(...rec.httpErrors, ...rec.jsErrors);

  const desc = [`${(row.bytes / 1e6).toFixed(2)} MB (${(row.raw / 1e6).toFixed(2)} on disk)`, ...Object.entries(stats).filter(([, v]) => v).map(([k, v]) => `${v} ${k}`)].join(", ");
  const report = (list, prefix) => {
    // at most MAX_PER_KIND lines per kind of problem (e.g. 200 untypeset formulas -> 6 + count)
    const shown = new Map();
    for (const p of [...new Set(list)]) {
      const kind = p.split(":")[0];
      const n = (shown.get(kind) ?? 0) + 1;
      shown.set(kind, n);
      if (n <= MAX_PER_KIND) console.log(`     ${prefix} ${p}`);
    }
    for (const [kind, n] of shown) if (n > MAX_PER_KIND) console.log(`     ${prefix} ... and ${n - MAX_PER_KIND} more "${kind}"`);
  };
  if (problems.length) {
    failed++;
    console.log(`FAIL ${rel} (${desc})`);
    report(problems, "-");
  } else {
    passed++;
    console.log(`ok   ${rel} (${desc})`);
  }
  if (warnings.length) {
    warned++;
    report(warnings, "warn (SITE_CHECK_WARN):");
  }
}

async function checkPageChrome(page) {
  const problems = [];
  const info = await page.evaluate(() => ({
    title: document.title,
    favicon: !!document.querySelector("link[rel~='icon']"),
    footer: [...document.querySelectorAll("footer, .bd-footer, .bd-footer-content")].map((f) => f.textContent).join(" "),
  }));
  if (/\\[a-zA-Z]|\$/.test(info.title)) problems.push(`raw LaTeX in the page title: "${info.title}"`);
  if (!info.favicon) problems.push("no favicon (link rel=icon)");
  if (!/\bMIT\b/.test(info.footer)) problems.push("no licence (MIT) in the footer");
  return problems;
}

function checkSearchIndex(site) {
  const f = path.join(site.dir, "searchindex.js");
  if (!existsSync(f)) return ["no searchindex.js"];
  const text = readFileSync(f, "utf-8");
  const m = text.match(/"titles":\s*(\[[^\]]*\])/);
  if (!m) return [];
  const bad = JSON.parse(m[1]).filter((t) => /\\[a-zA-Z]|\$/.test(t));
  return bad.map((t) => `raw LaTeX in a search-result title: "${t}"`);
}

for (const site of sites) {
  const only = process.env.SITE_CHECK_PAGES ? new RegExp(process.env.SITE_CHECK_PAGES) : null; // development
  const pages = listPages(site.dir).filter((p) => !only || only.test(p));
  site.notebookPages = pages.filter((p) => p.startsWith("notebooks/"));
  console.log(`site check: ${site.dir} (${site.variant} edition), ${pages.length} page(s), browser ${browserPath}`);
  if (site.notebookPages.length === 0) {
    failed++;
    console.log(`FAIL ${site.dir}: no notebook pages under notebooks/`);
    continue;
  }
  const prefix = site.variant === "student" ? "student-" : "";
  const shots = new Map([
    ["index.html", `${prefix}index`],
    [site.notebookPages[0], prefix + path.posix.basename(site.notebookPages[0], ".html")],
  ]);
  const { server, origin: o } = await serve(site.dir);
  origin = o;
  for (const rel of pages) await checkPage(site, rel, shots.get(rel));
  server.close();
  const idx = checkSearchIndex(site);
  if (idx.length) {
    failed++;
    console.log(`FAIL ${site.dir}/searchindex.js`);
    for (const p of idx.slice(0, MAX_PER_KIND)) console.log(`     - ${p}`);
  }
}
if (summary.length) {
  const big = summary.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const dens = summary.filter((r) => r.minDensity !== null);
  const texts = summary.filter((r) => r.minTextPx !== null);
  const bigRaw = summary.reduce((a, b) => (b.raw > a.raw ? b : a));
  console.log(`page weight (transferred, gzip): max ${(big.bytes / 1e6).toFixed(2)} MB (${big.page}), budget ${(PAGE_BUDGET / 1e6).toFixed(2)} MB; on disk max ${(bigRaw.raw / 1e6).toFixed(2)} MB (${bigRaw.page})`);
  console.log(`clipped code lines per page (of which output): ${summary.filter((r) => r.clipped).map((r) => `${r.page} ${r.clipped} (${r.clippedOutput})`).join(", ") || "none"}`);
  if (dens.length) console.log(`figure density (image px per CSS px), lowest per page: ${dens.map((r) => `${path.posix.basename(r.page)} ${r.minDensity.toFixed(2)}`).join(", ")}`);
  if (texts.length) console.log(`smallest figure text (CSS px, ${MIN_FONT_PT} pt), per page: ${texts.map((r) => `${path.posix.basename(r.page)} ${r.minTextPx.toFixed(1)}`).join(", ")}`);
}
if (orphanExternal.size) {
  failed++;
  console.log("FAIL requests outside any page:");
  for (const u of orphanExternal) console.log(`     - ${u}`);
}

await context.close();
rmSync(userDataDir, { recursive: true, force: true });
console.log(`screenshots: ${shotDir}`);
console.log(`site-check: ${passed} passed, ${failed} failed${warned ? `, ${warned} with warnings (SITE_CHECK_WARN=${[...WARN_KINDS].join(",")})` : ""}`);
process.exit(failed ? 1 : 0);
