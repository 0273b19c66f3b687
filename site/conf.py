"""Sphinx configuration of the lowrank-rnn-notebooks web site.

Build it with ``bash site/build.sh`` (or ``bash site/build.sh --student``), never by calling
sphinx-build by hand: the script assembles the Sphinx *source tree* under
``site/_build/src/<variant>/`` (this folder's ``index.md`` + a copy of ``notebooks/*.ipynb`` and
``figures/``), installs the pinned front-end assets from npm into ``site/_build/vendor/`` and
then runs ``sphinx-build -c site`` so that this file is the configuration.

Why a copied source tree rather than pointing Sphinx at the repository root:
- the pages get clean URLs (``index.html``, ``notebooks/NN_topic.html``) and Sphinx sees no
  README/tests/package files that would need a long ``exclude_patterns``;
- executing the notebooks at build time cannot touch the work tree (a notebook that exports a
  figure to ``../figures`` writes into the copy);
- the Binder/download paths stay ``notebooks/NN_topic.ipynb``, as in the repository.

Environment variables read here:
- ``LRNN_SITE_VARIANT``: ``full`` (default, solutions in dropdowns) or ``student`` (solution
  cells removed from the pages and from the downloadable notebooks).
- ``LRNN_REPOSITORY_URL``: the public repository (``https://github.com/owner/name``).  Only when
  it is set do the pages show Binder/repository launch buttons and links; without it no
  repository URL appears anywhere (no placeholder).
- ``LRNN_REPOSITORY_BRANCH``: the branch Binder should launch (default ``main``).
- ``LRNN_VENDOR_DIR``: where build.sh put the npm assets (default ``site/_build/vendor``).
- ``LRNN_SITE_CACHE_DIR``: execution cache shared by the variants of one build.sh run.
- ``LRNN_SITE_CELL_TIMEOUT``: per-cell execution timeout in seconds (default 600).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sphinx.errors import ConfigError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

# -- variant ---------------------------------------------------------------------------------
site_variant = os.environ.get("LRNN_SITE_VARIANT", "full").strip().lower()
if site_variant not in {"full", "student"}:
    raise ConfigError(f"LRNN_SITE_VARIANT must be 'full' or 'student', not {site_variant!r}")

# -- project ---------------------------------------------------------------------------------
project = "Low-rank recurrent neural networks"
author = "lowrank-rnn-notebooks contributors"
copyright = "the lowrank-rnn-notebooks contributors"
html_title = project + (" — student edition" if site_variant == "student" else "")

REPOSITORY_URL = os.environ.get("LRNN_REPOSITORY_URL", "").strip().rstrip("/")
REPOSITORY_BRANCH = os.environ.get("LRNN_REPOSITORY_BRANCH", "main")

# -- extensions ------------------------------------------------------------------------------
extensions = [
    "myst_nb",  # also loads myst_parser
    "sphinx_book_theme",
    "sphinx_exercise",
    "sphinx_togglebutton",
    "sphinx_copybutton",  # its JS/CSS (and clipboard.js) ship in the wheel: served from _static
    "lrnn_site",  # site/_ext/lrnn_site.py: solution dropdowns, student variant, notebook list
]

root_doc = "index"
# The assembled source tree holds index.md, a copy of notebooks/ and figures/: only
# index.md and the notebooks (.ipynb) are pages.
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "figures/**", "notebooks/**.md"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}

# -- MyST ------------------------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
# As in JupyterLab: $$...$$ inside a paragraph or list item is display math too.
myst_dmath_double_inline = True
_binder_url = (
    f"https://mybinder.org/v2/gh/{REPOSITORY_URL.split('github.com/')[-1]}/"
    f"{REPOSITORY_BRANCH}?urlpath=lab/tree/notebooks"
    if REPOSITORY_URL
    else ""
)


def _run_yourself() -> str:
    """index.md's "Run the notebooks yourself" text: only real links (LRNN_REPOSITORY_URL), and
    the student edition never points at the full repository (it holds the solutions)."""
    dl = (
        "Every page has a download button (top right) for its `.ipynb`; its first cell says how "
        "to install `lrnn_utils`, the small package all notebooks import."
    )
    if site_variant == "student":
        return dl + (
            " Unpack the course distribution (the zip your instructor gives you), then in its "
            "folder run `python3 -m pip install -e \".[notebooks]\"` and "
            "`jupyter lab notebooks/`."
        )
    where = f"clone the repository (<{REPOSITORY_URL}>)" if REPOSITORY_URL else (
        "get the repository (or the course distribution zip)"
    )
    text = dl + (
        f" **On your computer** (Python ≥ 3.11 and pip): {where}, then in its folder run "
        "`python3 -m venv .venv && .venv/bin/python -m pip install -e \".[notebooks]\" && "
        ".venv/bin/jupyter lab notebooks/` (on Windows `.venv\\Scripts\\python`). "
        "Nothing needs the internet after the installation."
    )
    if _binder_url:
        text += (
            f" **In the browser, without installing anything:** [launch the notebooks on "
            f"Binder]({_binder_url}) (the first start can take a few minutes)."
        )
    return text


myst_substitutions = {
    "run_yourself": _run_yourself(),
    "solutions_note": (
        " (this student edition leaves the solutions out)"
        if site_variant == "student"
        else " (solutions are folded away: open them once you have tried)"
    ),
}

# -- MyST-NB: execute every notebook at build time ----------------------------------------------
# Always executed at build time.  build.sh empties LRNN_SITE_CACHE_DIR at the start of each run,
# so the cache only lets the student variant of the same run reuse the executed notebooks
# (their code cells are identical); without it, every build re-executes ("force").
_cache_dir = os.environ.get("LRNN_SITE_CACHE_DIR", "")
nb_execution_mode = "cache" if _cache_dir else "force"
nb_execution_cache_path = _cache_dir
nb_execution_timeout = int(os.environ.get("LRNN_SITE_CELL_TIMEOUT", "600"))
nb_execution_raise_on_error = False  # a failing cell is a warning (= error under -W), and
# --keep-going still reports every failing notebook in one run, with its traceback
nb_execution_show_tb = True  # print the traceback in the build log
nb_execution_allow_errors = False
nb_execution_in_temp = False  # cwd = the notebook's folder, as in JupyterLab
nb_merge_streams = True
# stderr in a cell output (warnings, deprecations) becomes a Sphinx warning, hence an error
# under -W: a lecture page must not show stray warnings.
nb_output_stderr = "warn"
nb_kernel_rgx_aliases = {".*": "python3"}  # whatever the notebook names its kernel
# Widgets: the HTML manager comes from npm and is served from _static (no CDN, no requirejs:
# dist/embed.js bundles @jupyter-widgets/base + controls + output; its fonts are loaded
# relative to the script's own URL).
nb_ipywidgets_js = {"jupyter-widgets/embed.js": {}}

# -- math: MathJax 3 from npm, served from _static ------------------------------------------
mathjax_path = "mathjax/tex-chtml.js"  # relative to _static
# A non-empty mathjax3_config makes myst-parser/Sphinx emit a v3 config (Sphinx 9 would
# otherwise assume MathJax 4).  myst adds options.processHtmlClass itself.
mathjax3_config = {"startup": {"typeset": True}}

# -- HTML ------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
_vendor = Path(os.environ.get("LRNN_VENDOR_DIR", HERE / "_build" / "vendor"))
for _asset in (
    "mathjax/tex-chtml.js",
    "jupyter-widgets/embed.js",
    "font-awesome/css/font-awesome.min.css",
):
    if not (_vendor / _asset).is_file():
        raise ConfigError(
            f"missing {_vendor / _asset}: build the site with `bash site/build.sh`, which "
            "installs the pinned npm assets (site/package.json) first"
        )
html_static_path.append(str(_vendor))
html_css_files = ["lrnn-site.css"]
html_js_files = ["lrnn-mathjax-compat.js", "lrnn-site.js"]
html_favicon = "_static/favicon.svg"  # drawn for this site (a rank-one outer product)
# sphinx-copybutton: copy the code, not the prompts or outputs
copybutton_exclude = ".linenos, .gp, .go"
copybutton_selector = "div.cell_input div.highlight pre, div.highlight pre"
html_last_updated_fmt = None
html_copy_source = True  # the .ipynb download button points into _sources/
html_show_sourcelink = False
html_sourcelink_suffix = ""
html_theme_options = {
    "repository_url": REPOSITORY_URL,
    "repository_branch": REPOSITORY_BRANCH,
    "path_to_docs": "",  # page notebooks/NN_topic <-> repo file notebooks/NN_topic.ipynb
    "use_repository_button": bool(REPOSITORY_URL) and site_variant == "full",
    "use_issues_button": False,
    "use_source_button": False,
    "use_download_button": True,  # .ipynb (and print-to-PDF)
    "use_fullscreen_button": True,
    # an outbound <a href>; Binder builds its image from environment.yml.  Only with a real
    # repository (LRNN_REPOSITORY_URL), and not for the student edition (Binder would open the
    # full repository, solutions included).
    "launch_buttons": (
        {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"}
        if REPOSITORY_URL and site_variant == "full"
        else {}
    ),
    # pydata-sphinx-theme >= 0.17 adds its own sidebar toggles to the navbar ("persistent"
    # items): a second `.primary-toggle` that its script binds instead of the book theme's
    # visible button, so the menu does nothing below 992 px (pydata-sphinx-theme#2451).
    # Without persistent items only the book theme's buttons remain and both work; the
    # search button stays in the article header.  site/check_site.mjs clicks them.
    "navbar_persistent": [],
    "extra_footer": (
        "<p>Licence: MIT (see <code>pyproject.toml</code>). Built with Sphinx, MyST-NB and "
        "sphinx-book-theme; every page works offline.</p>"
    ),
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
    # nothing that phones home
    "analytics": {},
    "icon_links": [],
}
html_context = {"default_mode": "auto"}

# -- lrnn_site (site/_ext/lrnn_site.py) -------------------------------------------------------
lrnn_site_variant = site_variant
lrnn_notebook_glob = "notebooks/*"
lrnn_repository_dir = os.environ.get("LRNN_REPO_DIR", str(HERE.parent))
lrnn_repository_blob_url = f"{REPOSITORY_URL}/blob/{REPOSITORY_BRANCH}" if REPOSITORY_URL else ""
# the downloadable notebooks' first cell names it (full edition only)
lrnn_repository_url = REPOSITORY_URL if site_variant == "full" else ""
# palette-PNG versions of the output figures, shared by the editions of one build.sh run
lrnn_png_cache_dir = str(Path(_cache_dir).parent / "png-cache") if _cache_dir else ""

# Under -W every warning is an error; keep the list of suppressed ones empty unless a
# warning is understood and harmless.
suppress_warnings: list[str] = []
# build.sh --only (a subset, while developing): links to the notebooks left out are expected
if os.environ.get("LRNN_SITE_PARTIAL") == "1":
    suppress_warnings.append("myst.xref_missing")
