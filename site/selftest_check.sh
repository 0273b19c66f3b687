#!/usr/bin/env bash
# Self-test of the site check: it must FAIL on a broken copy of a built site.
#
#   bash site/selftest_check.sh [SITE_DIR]      (default: site/_build/html, built beforehand)
#
# Copies the site to a temporary folder, breaks one notebook page in several ways (an image
# and a stylesheet from another host, MathJax removed, a missing local image, a traceback in an
# output, the widget manager removed), runs check_site.mjs on the copy and asserts that it
# exits 1 and names every fault.  Nothing leaves the machine: the checker blocks the external
# requests it reports.
set -euo pipefail
SITE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "${1:-$SITE_DIR/_build/html}" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cp -R "$SRC" "$TMP/site"
page="$(cd "$TMP/site" && ls notebooks/*.html | head -n 1)"
python3 - "$TMP/site/$page" <<'EOF'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
inject = (
    '<img src="https://example.invalid/tracker.png" alt="external">'
    '<link rel="stylesheet" href="https://example.invalid/style.css">'
    '<img src="../_images/does-not-exist.png" alt="missing">'
    '<div class="cell_output"><div class="output traceback"><pre>Traceback (most recent call last):\n'
    'ZeroDivisionError: division by zero</pre></div></div>'
    '<p>raw math left: $x^2$</p>'
)
s, n = re.subn(r"(<article[^>]*>)", lambda m: m.group(1) + inject, s, count=1)
assert n == 1, "no <article> in page"
s = re.sub(r'<script[^>]*src="[^"]*mathjax/tex-chtml\.js[^"]*"[^>]*></script>', "", s)
s = re.sub(r'<script[^>]*src="[^"]*jupyter-widgets/embed\.js[^"]*"[^>]*></script>', "", s)
open(p, "w", encoding="utf-8").write(s)
EOF

set +e
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
echo "site-selftest: $caught passed, $missed failed"
if [[ $fail -ne 0 ]]; then echo "selftest: FAILED: the site check misses faults"; exit 1; fi
echo "selftest: the site check fails on a broken site, as it must"
