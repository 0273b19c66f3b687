#!/usr/bin/env bash
# Build the lowrank-rnn-notebooks web site: every notebooks/NN_topic.ipynb becomes a page,
# executed now, with warnings as errors.  Everything a page loads is served from _static.
#
#   bash site/build.sh              # full site    -> site/_build/html
#   bash site/build.sh --student    # student site -> site/_build/student (no solutions)
#   bash site/build.sh --all        # both
#
# Environment:
#   PYTHON                Python with the `site` extra installed (default: python3 on PATH)
#   LRNN_NOTEBOOKS_DIR    notebooks to build (default: <repo>/notebooks)
#   LRNN_SITE_BUILD_DIR   output root (default: <repo>/site/_build)
#   LRNN_REPOSITORY_URL / LRNN_REPOSITORY_BRANCH   Binder + repository links (see conf.py)
#   SPHINXOPTS            extra sphinx-build options
#
# Steps: (1) npm ci in site/ (pinned MathJax 3, ipywidgets HTML manager, playwright-core),
# (2) copy MathJax and the widget manager into _build/vendor (served as _static/...),
# (3) assemble the Sphinx source tree _build/src/<variant>: site/index.md + a copy of the
#     notebooks (+ figures/), so the work tree is never written by the executed notebooks,
# (4) sphinx-build -c site -W --keep-going -b html.
set -euo pipefail

SITE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SITE_DIR/.." && pwd)"
PYTHON="${PYTHON:-python3}"
NOTEBOOKS_DIR="${LRNN_NOTEBOOKS_DIR:-$REPO_DIR/notebooks}"
BUILD_DIR="${LRNN_SITE_BUILD_DIR:-$SITE_DIR/_build}"

variants=(full)
case "${1:-}" in
  "") ;;
  --student) variants=(student) ;;
  --all) variants=(full student) ;;
  -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) echo "usage: bash site/build.sh [--student|--all]" >&2; exit 2 ;;
esac

log() { printf '[site/build] %s\n' "$*"; }

# -- 1. npm assets (pinned by package-lock.json) ---------------------------------------------
command -v npm >/dev/null || { echo "npm not found: install Node.js >= 18 with npm" >&2; exit 1; }
if [[ ! -f "$SITE_DIR/node_modules/.package-lock.json" \
      || "$SITE_DIR/package-lock.json" -nt "$SITE_DIR/node_modules/.package-lock.json" ]]; then
  log "npm ci (site/package-lock.json)"
  (cd "$SITE_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

# -- 2. vendor assets into _static -------------------------------------------------------------
VENDOR_DIR="$BUILD_DIR/vendor"
rm -rf "$VENDOR_DIR"
mkdir -p "$VENDOR_DIR/mathjax" "$VENDOR_DIR/jupyter-widgets" "$VENDOR_DIR/font-awesome"
cp -R "$SITE_DIR/node_modules/mathjax/es5/." "$VENDOR_DIR/mathjax/"
cp -R "$SITE_DIR/node_modules/@jupyter-widgets/html-manager/dist/." "$VENDOR_DIR/jupyter-widgets/"
rm -f "$VENDOR_DIR"/jupyter-widgets/*.map "$VENDOR_DIR"/jupyter-widgets/*amd.js
cp -R "$SITE_DIR/node_modules/font-awesome/css" "$SITE_DIR/node_modules/font-awesome/fonts" "$VENDOR_DIR/font-awesome/"
export LRNN_VENDOR_DIR="$VENDOR_DIR"

# -- 3./4. per variant: source tree, then Sphinx ----------------------------------------------
shopt -s nullglob
notebooks=("$NOTEBOOKS_DIR"/*.ipynb)
if (( ${#notebooks[@]} == 0 )); then
  echo "no notebooks found in $NOTEBOOKS_DIR" >&2; exit 1
fi

# The kernels must find lrnn_utils even if it is not pip-installed; and build the matplotlib
# font cache now, so its one-time "building the font cache" message never lands in a cell.
export PYTHONPATH="$REPO_DIR${PYTHONPATH:+:$PYTHONPATH}"
"$PYTHON" -c "import matplotlib.pyplot" >/dev/null 2>&1 || true

for variant in "${variants[@]}"; do
  out="html"; [[ "$variant" == student ]] && out="student"
  src="$BUILD_DIR/src/$out"
  rm -rf "$src" "$BUILD_DIR/$out" "$BUILD_DIR/doctrees-$out"
  mkdir -p "$src/notebooks"
  cp "$SITE_DIR/index.md" "$src/"
  cp "${notebooks[@]}" "$src/notebooks/"
  [[ -d "$REPO_DIR/figures" ]] && cp -R "$REPO_DIR/figures" "$src/figures"
  log "$variant site: ${#notebooks[@]} notebook(s) -> $BUILD_DIR/$out"
  start=$SECONDS
  # shellcheck disable=SC2086
  LRNN_SITE_VARIANT="$variant" "$PYTHON" -m sphinx -W --keep-going -b html \
    -c "$SITE_DIR" -d "$BUILD_DIR/doctrees-$out" ${SPHINXOPTS:-} "$src" "$BUILD_DIR/$out"
  log "$variant site built in $((SECONDS - start)) s: $BUILD_DIR/$out/index.html"
done
