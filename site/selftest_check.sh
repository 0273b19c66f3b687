#!/usr/bin/env bash
# Self-test of the site check: it must FAIL on a broken copy of a built site.
#
#   bash site/selftest_check.sh [SITE_DIR]      (default: site/_build/html, built beforehand)
#
# Copies the site to a temporary folder, breaks one notebook page in several ways (an image
# and a stylesheet from another host, MathJax removed, a missing local image, a traceback in an
# output, the widget manager removed, a second `.primary-toggle` in front of the theme's (the
# mechanism of pydata-sphinx-theme#2451), a clipped code line, a 1x figure with small text, a
# kernel-free slider demo whose frame does not change (next to one that works), an
# animation player whose Play button changes nothing, 3 MB of incompressible script, a
# raw-LaTeX title, no favicon, no licence), runs check_site.mjs on that page and asserts
# that it exits 1 and names every fault -- and does not accuse the working demo.  Then it
# checks the same page as the student edition, with a "git clone" instruction, a Binder
# link, a link to a notebook that is not one of the edition's downloads and one to the
# full edition's notebook (solutions included), and asserts that each is named.  Nothing leaves the machine: the checker blocks the external requests it
# reports.
set -euo pipefail
SITE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "${1:-$SITE_DIR/_build/html}" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cp -R "$SRC" "$TMP/site"
page="$(cd "$TMP/site" && ls notebooks/*.html | head -n 1)"
python3 - "$TMP/site/$page" <<'EOF'
import base64, os, re, struct, sys, zlib
p = sys.argv[1]
s = open(p, encoding="utf-8").read()


def png(width, height, dpi, shade):
    """A small grey PNG with a pHYs chunk (its resolution), as matplotlib writes them."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    ppm = round(dpi / 0.0254)
    return base64.b64encode(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    ).decode()


a, b = png(300, 100, 72, 90), png(300, 100, 72, 200)
demo = (
    '<div class="lrnn-static-demo"><input type="range" min="0" max="1" step="1" value="0">'
    f'<img src="data:image/png;base64,{a}" alt="frame"></div>'
)
working = (
    '<div class="lrnn-static-demo"><input type="range" min="0" max="1" step="1" value="0" '
    f'oninput="this.nextElementSibling.src=[\'data:image/png;base64,{a}\',\'data:image/png;base64,{b}\'][this.value]">'
    f'<img src="data:image/png;base64,{a}" alt="frame"></div>'
)
big = os.path.join(os.path.dirname(os.path.dirname(p)), "_static", "selftest-heavy.js")
with open(big, "w") as f:  # 3.2 MB that no server can compress
    f.write("/*" + base64.b64encode(os.urandom(2_400_000)).decode() + "*/\n")
# pydata-sphinx-theme binds the first `.primary-toggle` in the page: a hidden one first
s, n = re.subn(r"(<body[^>]*>)", r'\1<button class="primary-toggle" hidden>stale</button>', s, count=1)
assert n == 1, "no <body> in page"
s, n = re.subn(r"<title>[^<]*</title>", r"<title>for $\\kappa$</title>", s, count=1)
assert n == 1, "no <title> in page"
s = re.sub(r'<link[^>]*rel="icon"[^>]*>', "", s)
s = s.replace("Licence: MIT", "Licence: none")
inject = (
    '<img src="https://example.invalid/tracker.png" alt="external">'
    '<link rel="stylesheet" href="https://example.invalid/style.css">'
    '<img src="../_images/does-not-exist.png" alt="missing">'
    '<div class="cell_output"><div class="output traceback"><pre>Traceback (most recent call last):\n'
    'ZeroDivisionError: division by zero</pre></div></div>'
    '<p>raw math left: $x^2$</p>'
    '<div class="highlight"><pre>x = 1  # ' + "a comment far too long for the column " * 5 + '</pre></div>'
    f'<div class="cell_output"><img src="data:image/png;base64,{a}" alt="1x figure"></div>'
    + demo + working +
    '<div class="lrnn-anim" id="selftest-anim">'
    f'<img id="selftest-anim-img" src="data:image/png;base64,{b}" alt="frame" width="300">'
    '<button id="selftest-anim-play" type="button">Play</button></div>' +
    '<script src="../_static/selftest-heavy.js"></script>'
)
s, n = re.subn(r"(<article[^>]*>)", lambda m: m.group(1) + inject, s, count=1)
assert n == 1, "no <article> in page"
s = re.sub(r'<script[^>]*src="[^"]*mathjax/tex-chtml\.js[^"]*"[^>]*></script>', "", s)
s = re.sub(r'<script[^>]*src="[^"]*jupyter-widgets/embed\.js[^"]*"[^>]*></script>', "", s)
open(p, "w", encoding="utf-8").write(s)
EOF

set +e
# only the broken page (the others were checked by check_site.mjs itself); no warn-only kinds
SITE_CHECK_PAGES="^${page//./\\.}\$" SITE_CHECK_WARN="" \
  node "$SITE_DIR/check_site.mjs" "$TMP/site" --full --screenshots "$TMP/shots" > "$TMP/out.txt" 2>&1
rc=$?
set -e
# (the inner "N passed, N failed" line is dropped: these failures are the expected outcome)
grep -v -e '^ok ' -e 'passed, [0-9]* failed' "$TMP/out.txt" || true
fail=0
caught=0
missed=0
expect() {
  if grep -qF -- "$1" "$TMP/out.txt"; then
    echo "selftest: caught: $1"; caught=$((caught + 1))
  else
    echo "selftest: NOT caught: $1"; missed=$((missed + 1)); fail=1
  fi
}
if [[ $rc -eq 1 ]]; then caught=$((caught + 1)); else
  echo "selftest: check_site exited $rc, expected 1"; missed=$((missed + 1)); fail=1
fi
expect "request leaves the machine (blocked): https://example.invalid/tracker.png"
expect "request leaves the machine (blocked): https://example.invalid/style.css"
expect "broken image"
expect "HTTP 404 /_images/does-not-exist.png"
expect "cell error output"
expect "MathJax did not load"
expect "untypeset math"
expect "raw math text left on the page"
if grep -q "widget-view+json" "$SRC/$page"; then expect "widget not rendered"; fi
expect "400 px: the menu button opens nothing"
expect "x = 1  # a comment far too long for the column"  # (the first clipped line named)
expect "figure density: 300 px shown at 300 CSS px = 1.00x < 2x"
expect "figure text: 9 pt at 72 dpi shown at 1.00 = 9.0 CSS px < 11"
expect "static demo 1: moving slider 1 does not change the frame"
expect "(selftest-anim): playing does not change the frame"
expect "page weight"
expect "raw LaTeX in the page title"
expect "no favicon"
expect "no licence (MIT) in the footer"
if grep -qF "static demo 2:" "$TMP/out.txt"; then
  echo "selftest: WRONG: the working static demo was reported"; missed=$((missed + 1)); fail=1
else
  echo "selftest: the working static demo passes"; caught=$((caught + 1))
fi

# -- the student edition: only its own notebooks, never the full repository ---------------
cp -R "$SRC" "$TMP/student"
python3 - "$TMP/student/$page" "$page" <<'EOF2'
import re, sys
p, rel = sys.argv[1], sys.argv[2]
s = open(p, encoding="utf-8").read()
nb = rel.rsplit("/", 1)[-1].replace(".html", ".ipynb")
inject = (
    "<p>To run it, git clone https://example.invalid/full-course.git and open it.</p>"
    '<a href="https://mybinder.org/v2/gh/owner/full-course/main">launch</a>'
    '<a href="https://example.invalid/notebooks/solutions.ipynb">elsewhere</a>'
    f'<a href="../_sources/notebooks/{nb}">the full notebook</a>'
)
s, n = re.subn(r"(<article[^>]*>)", lambda m: m.group(1) + inject, s, count=1)
assert n == 1, "no <article> in page"
open(p, "w", encoding="utf-8").write(s)
EOF2
set +e
SITE_CHECK_PAGES="^${page//./\\.}\$" SITE_CHECK_WARN="clipped-code,figure-density,figure-text,page-weight" \
  node "$SITE_DIR/check_site.mjs" "$TMP/student" --student --screenshots "$TMP/shots" > "$TMP/student.txt" 2>&1
rc=$?
set -e
grep -e "student" "$TMP/student.txt" | grep -v -e '^site check' -e '^ok ' || true
cp "$TMP/student.txt" "$TMP/out.txt"
if [[ $rc -eq 1 ]]; then caught=$((caught + 1)); else
  echo "selftest: check_site (student) exited $rc, expected 1"; missed=$((missed + 1)); fail=1
fi
expect "student edition tells the reader to clone the repository"
expect "student edition has a launch link (it would open the full repository): https://mybinder.org/v2/gh/owner/full-course/main"
expect "student edition links to a notebook that is not one of its downloads: https://example.invalid/notebooks/solutions.ipynb"
if grep -q '"solution"' "$SRC/_sources/$(dirname "$page")/$(basename "$page" .html).ipynb"; then
  expect "student .ipynb download still has"
fi
echo "site-selftest: $caught passed, $missed failed"
if [[ $fail -ne 0 ]]; then echo "selftest: FAILED: the site check misses faults"; exit 1; fi
echo "selftest: the site check fails on a broken site, as it must"
