#!/usr/bin/env bash
# Build the lowrank-rnn-notebooks web site: every notebooks/NN_topic.ipynb becomes a page,
# executed now, with warnings as errors.  Everything a page loads is served from _static.
#
#   bash site/build.sh              # full site    -> site/_build/html
#   bash site/build.sh --student    # student site -> site/_build/student (no solutions)
#   bash site/build.sh --all        # both
#   bash site/build.sh --only '0[01]_*' [--student|--all]
#                                   # only the notebooks matching the glob (while developing;
#                                   # the browser check then sees fewer pages)
#
# Environment:
#   PYTHON                Python with the `site` extra installed
#                         (default: <repo>/.venv/bin/python if it exists, else python3)
#   LRNN_NOTEBOOKS_DIR    notebooks to build (default: <repo>/notebooks)
#   LRNN_SITE_BUILD_DIR   output root (default: <repo>/site/_build)
#   LRNN_REPOSITORY_URL / LRNN_REPOSITORY_BRANCH   Binder + repository links (see conf.py)
#   SPHINXOPTS            extra sphinx-build options
# Set by this script for the executed notebooks (not to be set by hand):
#   LRNN_STATIC_DEMOS=1   lrnn_utils.demos.slider_demo precomputes its frames and outputs
#                         self-contained HTML (a range input swapping PNG frames), no kernel
#   IPYTHONDIR            a build-local IPython profile whose kernel config switches the inline
#                         figures to 'retina' (2x pixels, shown at the 1x size): sharp on
#                         high-density screens; the source notebooks are not changed
#   LRNN_SITE_REUSE_CACHE=1   (local iteration only) keep the execution cache of the last run:
#                         notebooks whose code cells did not change are not re-run
#
# Steps: (1) npm ci in site/ (pinned MathJax 3, ipywidgets HTML manager, playwright-core),
# (2) copy MathJax and the widget manager into _build/vendor (served as _static/...),
# (3) assemble the Sphinx source tree _build/src/<variant>: site/index.md + a copy of the
#     notebooks (+ figures/), so the work tree is never written by the executed notebooks,
# (4) sphinx-build -c site -W --keep-going -b html.
# Notebooks are executed once per invocation: the execution cache (_build/.jupyter_cache) is
# emptied at the start, so with --all the student site reuses the outputs of the full one
# (same code cells), and nothing stale from an earlier run is ever shown.
set -euo pipefail

SITE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SITE_DIR/.." && pwd)"
if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x "$REPO_DIR/.venv/bin/python" ]]; then PYTHON="$REPO_DIR/.venv/bin/python"; else PYTHON=python3; fi
fi
NOTEBOOKS_DIR="${LRNN_NOTEBOOKS_DIR:-$REPO_DIR/notebooks}"
BUILD_DIR="${LRNN_SITE_BUILD_DIR:-$SITE_DIR/_build}"

variants=(full)
only="*"
while (( $# )); do
  case "$1" in
    --student) variants=(student) ;;
    --all) variants=(full student) ;;
    --only) only="${2:?--only needs a glob, e.g. '0[01]_*'}"; shift ;;
    --only=*) only="${1#--only=}" ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "usage: bash site/build.sh [--student|--all] [--only GLOB]" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[site/build] %s\n' "$*"; }

if ! "$PYTHON" -c "import sphinx, myst_nb, sphinx_book_theme, sphinx_exercise, sphinx_togglebutton, sphinx_copybutton" 2>/dev/null; then
  echo "site/build: $PYTHON lacks the site packages: $PYTHON -m pip install -e \"$REPO_DIR[site]\"" >&2
  exit 1
fi

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
# shellcheck disable=SC2206
notebooks=("$NOTEBOOKS_DIR"/$only.ipynb)
if (( ${#notebooks[@]} == 0 )); then
  echo "no notebooks matching $only.ipynb found in $NOTEBOOKS_DIR" >&2; exit 1
fi

# The kernels must find lrnn_utils even if it is not pip-installed; and build the matplotlib
# font cache now, so its one-time "building the font cache" message never lands in a cell.
export PYTHONPATH="$REPO_DIR${PYTHONPATH:+:$PYTHONPATH}"
"$PYTHON" -c "import matplotlib.pyplot" >/dev/null 2>&1 || true
# Widget demos become kernel-free HTML (lrnn_utils.demos), and inline figures are 'retina'
# PNGs (2x the pixels of their displayed size; myst-nb keeps the width/height metadata).
export LRNN_STATIC_DEMOS=1
export IPYTHONDIR="$BUILD_DIR/ipython"
mkdir -p "$IPYTHONDIR/profile_default"
cat > "$IPYTHONDIR/profile_default/ipython_kernel_config.py" <<'PYCFG'
# written by site/build.sh: only for the notebooks executed while building the site
c.InlineBackend.figure_formats = {"retina"}
# (PIL's optimize: the same pixels in 10-30 % fewer bytes, for the 3 MB page budget)
c.InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "pil_kwargs": {"optimize": True}}
PYCFG

export LRNN_SITE_CACHE_DIR="$BUILD_DIR/.jupyter_cache"
if [[ "${LRNN_SITE_REUSE_CACHE:-0}" != 1 ]]; then
  rm -rf "$LRNN_SITE_CACHE_DIR" "$BUILD_DIR/jupyter_execute" "$BUILD_DIR/png-cache"
else
  log "LRNN_SITE_REUSE_CACHE=1: reusing executed notebooks of the last run (edits to lrnn_utils go unnoticed)"
fi

# One snapshot of the notebooks (and figures) for all variants: if a notebook is edited while
# the site builds, both variants still show the same version (and share its execution).
SNAPSHOT="$BUILD_DIR/src/.snapshot"
rm -rf "$SNAPSHOT"
mkdir -p "$SNAPSHOT/notebooks" "$SNAPSHOT/figures"
cp -R "$NOTEBOOKS_DIR/." "$SNAPSHOT/notebooks/"
find "$SNAPSHOT/notebooks" -name .ipynb_checkpoints -prune -exec rm -rf {} +
if [[ "$only" != "*" ]]; then  # --only: drop the other notebooks (and their .py pairs)
  for f in "$SNAPSHOT"/notebooks/*.ipynb; do
    keep=0
    for nb in "${notebooks[@]}"; do [[ "$(basename "$nb")" == "$(basename "$f")" ]] && keep=1; done
    (( keep )) || rm -f "$f" "${f%.ipynb}.py"
  done
fi
if [[ -d "$REPO_DIR/figures" ]]; then cp -R "$REPO_DIR/figures/." "$SNAPSHOT/figures/"; fi

for variant in "${variants[@]}"; do
  out="html"; [[ "$variant" == student ]] && out="student"
  src="$BUILD_DIR/src/$out"
  rm -rf "$src" "$BUILD_DIR/$out" "$BUILD_DIR/doctrees-$out"
  mkdir -p "$src"
  cp "$SITE_DIR/index.md" "$src/"
  # the whole notebooks/ folder (data files or helper modules a notebook may open), minus
  # checkpoints; Sphinx only turns the .ipynb files into pages (see exclude_patterns in
  # conf.py).  figures/ sits beside it, as in the repository: notebooks may show
  # ../figures/*.png, and lrnn_utils.plotting exports into it (never into the work tree).
  cp -R "$SNAPSHOT/notebooks" "$SNAPSHOT/figures" "$src/"
  # notebooks point to the notation table of the README; on the site it is on the index page
  sed -i 's#(\.\./README\.md\#notation)#(../index.md\#notation)#g' "$src"/notebooks/*.ipynb
  log "$variant site: ${#notebooks[@]} notebook(s) -> $BUILD_DIR/$out"
  start=$SECONDS
  # shellcheck disable=SC2086
  LRNN_SITE_VARIANT="$variant" LRNN_SITE_PARTIAL="$([[ "$only" == "*" ]] && echo 0 || echo 1)" \
    "$PYTHON" -m sphinx -W --keep-going -b html \
    -c "$SITE_DIR" -d "$BUILD_DIR/doctrees-$out" ${SPHINXOPTS:-} "$src" "$BUILD_DIR/$out"
  log "$variant site built in $((SECONDS - start)) s: $BUILD_DIR/$out/index.html"
done
