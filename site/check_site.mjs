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
//   - has an animation whose Play button does not change the frame,
// and, on notebook pages, when the .ipynb download, the Binder link or prev/next navigation is
// missing; on the student edition, when a solution is on a page or in the downloadable notebook.
// It exits 2 on usage errors (no site, no browser).

import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
  viewport: { width: 1280, height: 900 },
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
  return problems;
}

async function checkNotebookPage(page, rel, { variant, notebookPages }) {
  const problems = [];
  const info = await page.evaluate(() => ({
    ipynb: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")).filter((h) => /_sources\/.*\.ipynb$/.test(h)),
    binder: [...document.querySelectorAll("a[href]")].map((a) => a.href).filter((h) => /mybinder\.org\/v2\//.test(h)),
    prev: document.querySelector("a.prev-page, link[rel='prev']")?.getAttribute("href") ?? null,
    next: document.querySelector("a.next-page, link[rel='next']")?.getAttribute("href") ?? null,
    solutionsOnPage: document.querySelectorAll(".tag_solution, .lrnn-solution").length,
    solutionsFolded: [...document.querySelectorAll(".cell.tag_solution")].every((c) => c.querySelector(":scope > details") && !c.querySelector(":scope > details[open]")),
  }));
  if (info.ipynb.length === 0) problems.push("no .ipynb download link");
  if (info.binder.length === 0) problems.push("no Binder link");
  else if (!info.binder.some((h) => h.includes(rel.replace(/\.html$/, ".ipynb")))) problems.push(`Binder link does not open ${rel.replace(/\.html$/, ".ipynb")}: ${info.binder[0]}`);
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
      } catch (e) {
        problems.push(`.ipynb download is not JSON: ${e.message}`);
      }
    }
  }
  return problems;
}

// -- run -------------------------------------------------------------------------------------
let failed = 0;
let passed = 0;
mkdirSync(shotDir, { recursive: true });

async function checkPage(site, rel, shotName) {
  const rec = { external: new Set(), httpErrors: [], jsErrors: [] };
  current = rec;
  const page = await context.newPage();
  page.on("response", (r) => {
    if (isLocal(r.url()) && r.status() >= 400) rec.httpErrors.push(`HTTP ${r.status()} ${r.url().slice(origin.length)}`);
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
  let stats = {};
  try {
    await page.goto(`${origin}/${rel}`, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
    problems.push(...(await settle(page)));
    const r = await page.evaluate(inspect);
    problems.push(...r.problems);
    stats = r.stats;
    problems.push(...(await checkAnimations(page)));
    if (rel.startsWith("notebooks/")) problems.push(...(await checkNotebookPage(page, rel, site)));
    if (shotName) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(shotDir, `${shotName}.png`), fullPage: true });
      if (rel.startsWith("notebooks/") && site.variant === "full") {
        // dark mode (the theme follows prefers-color-scheme): figures must stay readable
        const dark = await context.newPage();
        await dark.emulateMedia({ colorScheme: "dark" });
        await dark.goto(`${origin}/${rel}`, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
        await settle(dark);
        await dark.screenshot({ path: path.join(shotDir, `${shotName}-dark.png`), fullPage: true });
        await dark.close();
      }
    }
  } catch (e) {
    problems.push(`could not check the page: ${String(e.message || e).split("\n")[0]}`);
  }
  await page.close();
  current = null;
  for (const u of rec.external) problems.push(`request leaves the machine (blocked): ${u}`);
  problems.push(...rec.httpErrors, ...rec.jsErrors);

  const desc = Object.entries(stats).filter(([, v]) => v).map(([k, v]) => `${v} ${k}`).join(", ");
  if (problems.length) {
    failed++;
    console.log(`FAIL ${rel}${desc ? ` (${desc})` : ""}`);
    // at most MAX_PER_KIND lines per kind of problem (e.g. 200 untypeset formulas -> 6 + count)
    const shown = new Map();
    for (const p of [...new Set(problems)]) {
      const kind = p.split(":")[0];
      const n = (shown.get(kind) ?? 0) + 1;
      shown.set(kind, n);
      if (n <= MAX_PER_KIND) console.log(`     - ${p}`);
    }
    for (const [kind, n] of shown) if (n > MAX_PER_KIND) console.log(`     - ... and ${n - MAX_PER_KIND} more "${kind}"`);
  } else {
    passed++;
    console.log(`ok   ${rel}${desc ? ` (${desc})` : ""}`);
  }
}

for (const site of sites) {
  const pages = listPages(site.dir);
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
}
if (orphanExternal.size) {
  failed++;
  console.log("FAIL requests outside any page:");
  for (const u of orphanExternal) console.log(`     - ${u}`);
}

await context.close();
rmSync(userDataDir, { recursive: true, force: true });
console.log(`screenshots: ${shotDir}`);
console.log(`site-check: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
