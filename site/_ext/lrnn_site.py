"""Small Sphinx extension for the lowrank-rnn-notebooks site.

- Solution cells (cells tagged ``solution``):
  * full site: a code cell's source *and* output fold into a "Show solution" dropdown (myst-nb's
    hide-cell mechanism, set by a transform on the parsed cell); a markdown cell is wrapped in a
    dropdown admonition.
  * student site: they are left out of the page and of the search index; code cells are still
    executed (later cells may use their results); and the ``.ipynb`` offered for download
    (``_sources/``) is rewritten without them.
  The notebook files are never modified, and the code cells' metadata is not touched while
  reading, so both variants hash alike in the execution cache (executed once per build).
- External resources in notebook outputs: raw HTML (e.g. matplotlib's ``to_jshtml`` links
  Font Awesome 4 from a CDN) is rewritten to the copy served from ``_static``; any other
  ``<link>/<script>/<img>/...`` that would load from another host, and any image node with a
  remote URI, is a build warning (an error under ``-W``).
- Exercise stubs (tagged ``raises-exception``) raise on purpose: their traceback is shortened
  to its last line (``NotImplementedError: ...``), what a student sees in an unfinished cell.
- Markdown links from a notebook to repository files outside the site (e.g.
  ``../lrnn_utils/meanfield.py``) are pointed at the file in the public repository.
- ``notebook-list`` directive: one line per notebook (link + summary), generated from whatever
  ``notebooks/*.ipynb`` exist, in lecture (sorted) order; the summaries are written in the
  directive's content (``stem: text``, see site/index.md), else the first sentence of the
  notebook's introduction.
- Readers do not see test plumbing: the "notebook run time" cell is left out of the page and
  ``# NBVAL_*`` marker lines are removed from the shown source (the notebooks keep them).
- Section badges: a code cell tagged ``core`` or ``deep-dive`` gets a small badge (CSS on
  myst-nb's ``tag_core``/``tag_deep-dive`` class); a markdown cell with that tag (put it on the
  cell that starts the section) gets the badge under its first heading.
- Plain-text page titles: ``$\\kappa$`` in a notebook's title becomes "κ" in the browser tab,
  the search results and the navigation links' tooltips (the page heading keeps its math).
- Figures: alt text from the cell's caption (myst ``figure.caption`` metadata, else the
  first ``# comment`` line of the cell), never the image's file name.
- Downloadable notebooks (``_sources/**.ipynb``) start with a markdown cell saying how to get
  ``lrnn_utils``; the student edition's have no solutions (and no outputs).

Hiding code is myst-nb's own business: the cell tags ``hide-input``, ``hide-output``,
``hide-cell``, ``remove-input``, ``remove-output`` and ``remove-cell`` work as documented by
myst-nb; only ``solution`` (folded, or removed in the student edition) is handled here.
"""

from __future__ import annotations

import json
import re
from fnmatch import fnmatch
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

SOLUTION_TAG = "solution"
STUB_TAG = "raises-exception"  # exercise stubs raise NotImplementedError until completed


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def is_solution(cell: dict) -> bool:
    return SOLUTION_TAG in _tags(cell)


BADGE_TAGS = ("core", "deep-dive")  # section badges (see site/README.md)
RUN_TIME_MARK = "notebook run time"  # the closing timing cell of every notebook
_NBVAL_LINE = re.compile(r"^[ \t]*# *NBVAL_[A-Z_]+[^\n]*\n?", flags=re.M)


def student_notebook(nb: dict) -> dict:
    """The student version offered for download: every ``solution``-tagged cell removed and
    the outputs cleared (the student runs the notebook), as the course's student copies."""
    out = dict(nb)
    cells = []
    for cell in nb.get("cells", []):
        if is_solution(cell):
            continue
        cell = dict(cell)
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    out["cells"] = cells
    return out


def setup_cell(variant: str, repository_url: str, docname: str) -> dict:
    """The markdown cell put first into each downloadable notebook (never into the sources)."""
    lines = [
        "**Before you run this notebook:** it imports `lrnn_utils`, the small package of this "
        "lecture. If `import lrnn_utils` fails, install it into the Python environment of "
        "this notebook, then restart the kernel:",
        "",
    ]
    if variant == "student" or not repository_url:
        lines += [
            "- unpack the course distribution (the zip with `pyproject.toml` and `lrnn_utils/`) "
            "and, in its folder, run `python -m pip install -e \".[notebooks]\"`;",
            "- then open this notebook from that folder's `notebooks/` (it may also read "
            "`../figures/`).",
        ]
    else:
        lines += [
            f"- from the repository: `python -m pip install \"lrnn-utils[notebooks] @ "
            f"git+{repository_url}\"`, or clone {repository_url} and run "
            "`python -m pip install -e \".[notebooks]\"` in its folder, where this notebook is "
            f"`{docname}.ipynb`.",
        ]
    return {
        "cell_type": "markdown",
        "id": "lrnn-site-setup",
        "metadata": {"tags": ["lrnn-site-setup"]},
        "source": "\n".join(lines) + "\n",
    }


def _as_text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def mark_markdown_solutions(nb: dict, variant: str) -> dict:
    """Markdown solution cells: dropped (student) or wrapped in a dropdown admonition (full).

    Markdown cells are not part of the execution-cache hash, so changing them is safe.
    """
    cells = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown" and is_solution(cell):
            if variant == "student":
                continue
            body = _as_text(cell.get("source")).rstrip("\n")
            fence = ":" * max(4, _longest_colon_fence(body) + 1)
            cell = dict(cell)
            cell["source"] = (
                f"{fence}{{admonition}} Solution\n:class: dropdown tip lrnn-solution\n\n"
                f"{body}\n{fence}\n"
            )
        cells.append(cell)
    nb["cells"] = cells
    return nb


def _longest_colon_fence(text: str) -> int:
    runs = [len(m.group(0)) for m in re.finditer(r"^:{3,}", text, flags=re.M)]
    return max(runs, default=0)


def _is_notebook_doc(app: Sphinx, docname: str) -> bool:
    return Path(app.env.doc2path(docname)).suffix == ".ipynb"


_MD_LINK = re.compile(r"(\]\()(?P<target>\.\./[^)\s#]+)(?P<anchor>#[^)\s]*)?(?=[)\s])")


def link_repository_files(nb: dict, docname: str, srcdir: Path, repo_dir: Path, blob_url: str) -> bool:
    """Markdown links from a notebook to repository files that are not part of the site
    (``[meanfield](../lrnn_utils/meanfield.py)``) point to the file in the repository."""
    if not blob_url or not repo_dir.is_dir():
        return False
    doc_dir = (srcdir / docname).parent
    changed = False

    def fix(m: re.Match) -> str:
        nonlocal changed
        target = m.group("target")
        in_site = (doc_dir / target).resolve()
        rel = Path(docname).parent / target
        in_repo = (repo_dir / rel).resolve()
        if in_site.exists() or not in_repo.exists() or repo_dir.resolve() not in in_repo.parents:
            return m.group(0)
        changed = True
        rel_repo = in_repo.relative_to(repo_dir.resolve()).as_posix()
        return f"{m.group(1)}{blob_url.rstrip('/')}/{rel_repo}{m.group('anchor') or ''}"

    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            text = _as_text(cell.get("source"))
            new = _MD_LINK.sub(fix, text)
            if new != text:
                cell["source"] = new
    return changed


def add_section_badges(nb: dict) -> bool:
    """A markdown cell tagged ``core``/``deep-dive``: a badge line under its first heading
    (markdown cells are not hashed by the execution cache, so this is safe)."""
    changed = False
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        tags = [t for t in BADGE_TAGS if t in _tags(cell)]
        if not tags:
            continue
        badge = " ".join(f"{{lrnn-badge}}`{t}`" for t in tags)
        text = _as_text(cell.get("source"))
        lines = text.splitlines()
        at = next((i for i, ln in enumerate(lines) if re.match(r"^\s{0,3}#{1,6}\s", ln)), None)
        if at is None:
            lines[:0] = [badge, ""]
        else:
            lines[at + 1 : at + 1] = ["", badge, ""]
        cell["source"] = "\n".join(lines) + "\n"
        changed = True
    return changed


def badge_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{lrnn-badge}`core``` -> a small section badge (styled in _static/lrnn-site.css)."""
    kind = text.strip()
    if kind not in BADGE_TAGS:
        msg = inliner.reporter.warning(f"lrnn-badge: unknown badge {kind!r} (use {BADGE_TAGS})")
        return [], [msg]
    label = {"core": "core", "deep-dive": "deep dive"}[kind]
    return [nodes.inline(label, label, classes=["lrnn-badge", f"lrnn-badge-{kind}"])], []


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not _is_notebook_doc(app, docname):
        return
    nb = json.loads(source[0])
    changed = add_section_badges(nb)
    changed |= link_repository_files(
        nb,
        docname,
        Path(app.srcdir),
        Path(app.config.lrnn_repository_dir or "/nonexistent"),
        app.config.lrnn_repository_blob_url,
    )
    if any(is_solution(c) and c.get("cell_type") == "markdown" for c in nb.get("cells", [])):
        nb = mark_markdown_solutions(nb, app.config.lrnn_site_variant)
        changed = True
    if changed:
        source[0] = json.dumps(nb, ensure_ascii=False)


class NotebookCells(SphinxTransform):
    """Fold (full site) or drop (student site) the code cells tagged ``solution``; shorten the
    expected error of exercise stubs (tagged ``raises-exception``) to its last line."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        variant = self.config.lrnn_site_variant
        for node in list(self.document.findall(nodes.container)):
            if node.get("nb_element") != "cell_code":
                continue
            tags = (node.get("cell_metadata") or {}).get("tags") or []
            if hide_plumbing(node):
                continue
            alt_text_from_caption(node)
            if STUB_TAG in tags:
                shorten_expected_errors(node)
            if SOLUTION_TAG not in tags:
                continue
            if variant == "student":
                node.parent.remove(node)
                continue
            # myst-nb's HideInputCells post-transform turns this into a <details> dropdown
            node["hide_mode"] = "all"
            node["prompt_show"] = "Show solution"
            node["prompt_hide"] = "Hide solution"


def _cell_source(cell: nodes.Element) -> nodes.literal_block | None:
    for block in cell.findall(nodes.literal_block):
        parent = block.parent
        if isinstance(parent, nodes.container) and parent.get("nb_element") == "cell_code_source":
            return block
    return None


def hide_plumbing(cell: nodes.Element) -> bool:
    """Drop the "notebook run time" cell; strip ``# NBVAL_*`` lines from the shown source.
    Returns True if the cell was removed."""
    block = _cell_source(cell)
    if block is None:
        return False
    text = block.astext()
    if RUN_TIME_MARK in text and len(text.strip().splitlines()) <= 3:
        cell.parent.remove(cell)
        return True
    new = _NBVAL_LINE.sub("", text)
    if new != text:
        block.children = [nodes.Text(new)]
        block.rawsource = new
    return False


def alt_text_from_caption(cell: nodes.Element) -> None:
    """Output images get an alt text: the cell's myst caption, else its first comment line."""
    meta = cell.get("cell_metadata") or {}
    fig = (meta.get("mystnb") or {}).get("figure") or meta.get("figure") or {}
    caption = str(fig.get("caption") or "").strip() if isinstance(fig, dict) else ""
    if not caption:
        block = _cell_source(cell)
        for line in (block.astext() if block is not None else "").splitlines():
            m = re.match(r"^\s*#\s*(?!%%|NBVAL)(.{8,})$", line)
            if m:
                caption = m.group(1).strip()
                break
    caption = caption or "Figure drawn by the code cell above"
    for img in cell.findall(nodes.image):
        if not img.get("alt"):
            img["alt"] = caption


def shorten_expected_errors(cell: nodes.Element) -> None:
    """An unfinished exercise raises on purpose: show ``NotImplementedError: <message>``, not
    the traceback through the checker's code."""
    for block in list(cell.findall(nodes.literal_block)):
        if "traceback" not in block.get("classes", []):
            continue
        lines = [ln for ln in block.astext().splitlines() if ln.strip()]
        last = lines[-1].strip() if lines else "error"
        short = nodes.literal_block(last, last, classes=["output", "lrnn-expected-error"])
        short["language"] = "none"
        block.parent.replace(block, short)  # (replace_self would keep the old classes)


def palette_png(data: bytes) -> bytes:
    """``data`` (a PNG) as a 256-colour palette PNG, same pixels and dpi, if that is smaller."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        if im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info:
            # (e.g. the overlays of lrnn_utils.plotting.animation_html): keep the alpha
            if im.mode != "RGBA" or im.getchannel("A").getextrema()[0] < 255:
                return data
        dpi = im.info.get("dpi")
        q = im.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        buf = io.BytesIO()
        q.save(buf, format="PNG", optimize=True, **({"dpi": dpi} if dpi else {}))
    out = buf.getvalue()
    return out if len(out) < len(data) else data


# (to_jshtml breaks its base64 into JS lines ending in a backslash)
_INLINE_PNG = re.compile(r"data:image/png;base64,(?P<b64>[A-Za-z0-9+/=\\\s]{2000,})")
_inline_cache: dict[str, str] = {}


def shrink_inline_pngs(html: str) -> str:
    """Frames embedded in HTML outputs (matplotlib's to_jshtml, the static slider demos of
    lrnn_utils.demos) as palette PNGs too (see shrink_pngs)."""
    import base64
    import binascii

    def fix(m: re.Match) -> str:
        b64 = m.group("b64")
        if b64 not in _inline_cache:
            try:
                raw = base64.b64decode(re.sub(r"[\\\s]", "", b64), validate=False)
                _inline_cache[b64] = base64.b64encode(palette_png(raw)).decode("ascii")
            except (binascii.Error, OSError, ValueError):
                _inline_cache[b64] = b64  # not a PNG we can read: leave it
        return "data:image/png;base64," + _inline_cache[b64]

    return _INLINE_PNG.sub(fix, html)


def shrink_pngs(image_dir: Path, cache_dir: Path | None) -> tuple[int, int]:
    """Re-encode the output figures as 256-colour palette PNGs (median cut, no dithering),
    same pixel size and dpi: for matplotlib line plots on white this is visually identical
    and ~2.7x smaller (the 3 MB page budget with 2x "retina" figures).  Kept only if smaller.
    Results are cached by content (both editions share the figures).  Returns (before, after)
    total bytes."""
    import hashlib
    import shutil

    from PIL import Image

    before = after = 0
    for png in sorted(image_dir.glob("*.png")):
        data = png.read_bytes()
        before += len(data)
        key = hashlib.sha256(data).hexdigest()
        cached = cache_dir / f"{key}.png" if cache_dir else None
        if cached is None or not cached.exists():
            with Image.open(png) as im:
                dpi = im.info.get("dpi")
                q = im.convert("RGB").quantize(
                    colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
                )
                tmp = png.with_suffix(".q.png")
                q.save(tmp, optimize=True, **({"dpi": dpi} if dpi else {}))
            if tmp.stat().st_size >= len(data):
                tmp.unlink()
                tmp = None
            if cached is not None:
                cache_dir.mkdir(parents=True, exist_ok=True)
                if tmp is not None:
                    shutil.copyfile(tmp, cached)
                else:
                    cached.write_bytes(data)
            if tmp is not None:
                tmp.replace(png)
        else:
            shutil.copyfile(cached, png)
        after += png.stat().st_size
    return before, after


_FONTAWESOME_JS = re.compile(
    r'[ \t]*<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*></script>\n?'
)


def drop_fontawesome_js(outdir: Path) -> int:
    """The theme's Font Awesome script (0.54 MB gzipped on every page) turns its ``<i
    class="fa-solid fa-...">`` icons into SVG.  The site needs only the dozen icons of the
    header buttons: _static/lrnn-site.css draws them with the Font Awesome webfont the
    theme's CSS already declares (vendor/fontawesome/webfonts).  Removes the script from
    every page and from _static; returns the number of pages changed."""
    pages = 0
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = _FONTAWESOME_JS.sub("", text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            pages += 1
    for name in ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt"):
        (outdir / "_static" / "scripts" / name).unlink(missing_ok=True)
    return pages


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Output figures shrunk (palette PNG); the theme's Font Awesome script dropped; the
    downloadable notebooks: a first cell on how to get ``lrnn_utils``, in the student
    edition without the solutions (and outputs)."""
    if exception is not None or app.builder.format != "html":
        return
    n = drop_fontawesome_js(Path(app.outdir))
    if n == 0:
        logger.warning(
            "[lrnn_site] no page loads _static/scripts/fontawesome.js: the theme changed "
            "(check the icons in _static/lrnn-site.css and drop_fontawesome_js)"
        )
    cache = app.config.lrnn_png_cache_dir
    before, after = shrink_pngs(Path(app.outdir) / "_images", Path(cache) if cache else None)
    logger.info(f"[lrnn_site] figures: {before / 1e6:.2f} MB -> {after / 1e6:.2f} MB (palette PNG)")
    variant = app.config.lrnn_site_variant
    sources = Path(app.outdir) / "_sources"
    for docname in sorted(app.env.found_docs):
        src = Path(app.env.doc2path(docname))
        if src.suffix != ".ipynb":
            continue
        dest = sources / (docname + ".ipynb")
        nb = json.loads(src.read_text(encoding="utf-8"))
        if variant == "student":
            nb = student_notebook(nb)
        nb["cells"] = [
            setup_cell(variant, app.config.lrnn_repository_url, docname),
            *nb.get("cells", []),
        ]
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# -- external resources ------------------------------------------------------------------------

#: known external resources in outputs -> path of the local copy under _static/
LOCAL_REPLACEMENTS = {
    # matplotlib.animation.Animation.to_jshtml (HTMLWriter's STYLE_INCLUDE)
    r"https?://maxcdn\.bootstrapcdn\.com/font-awesome/4\.[0-9.]+/css/font-awesome(?:\.min)?\.css": (
        "font-awesome/css/font-awesome.min.css"
    ),
}

# an element that makes the browser *load* something, with an absolute or protocol-relative URL
_EXTERNAL_LOAD = re.compile(
    r"<(?P<tag>link|script|img|iframe|source|video|audio|embed|object|track|image|use)\b"
    r"[^>]*?\b(?P<attr>href|src|data|srcset|poster|xlink:href)\s*=\s*"
    r"(?P<q>[\"']?)(?P<url>(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//[^\"'\s>]+)",
    flags=re.I,
)
_CSS_IMPORT = re.compile(r"@import\s+(?:url\()?[\"']?(?P<url>(?:https?:)?//[^\"')\s]+)", re.I)


def _static_prefix(docname: str) -> str:
    return "../" * docname.count("/") + "_static/"


def localize_html(html: str, docname: str) -> tuple[str, list[str]]:
    """Rewrite known external resources to local copies; return (html, still-external URLs)."""
    prefix = _static_prefix(docname)
    for pattern, local in LOCAL_REPLACEMENTS.items():
        html = re.sub(pattern, prefix + local, html)
    leftovers = [m.group("url") for m in _EXTERNAL_LOAD.finditer(html)]
    leftovers += [m.group("url") for m in _CSS_IMPORT.finditer(html)]
    return html, leftovers


_DEMO_FRAMES = re.compile(
    r'(<script type="application/json" class="lrnn-demo-frames">)(?P<json>.*?)(</script>)',
    flags=re.S,
)


def externalize_demo_frames(html: str, docname: str, outdir: Path) -> str:
    """The frames of a kernel-free slider demo (lrnn_utils.demos, LRNN_STATIC_DEMOS=1) as
    image files: the page embeds only the frame shown at the start (the demo's <img>) and
    loads another frame when a slider reaches it, instead of embedding all of them
    (06's flow-field demo: 16 frames, 1.4 MB).  Files in ``_images/``, named by content
    (palette PNG, see palette_png), so both editions and every page share them."""
    import base64
    import hashlib

    prefix = "../" * docname.count("/") + "_images/"

    def fix(m: re.Match) -> str:
        try:
            frames = json.loads(m.group("json"))
        except ValueError:
            return m.group(0)
        if not isinstance(frames, dict):
            return m.group(0)
        for key, uri in frames.items():
            head = "data:image/png;base64,"
            if not (isinstance(uri, str) and uri.startswith(head)):
                continue
            png = palette_png(base64.b64decode(uri[len(head):]))
            name = f"lrnn-frame-{hashlib.sha256(png).hexdigest()[:20]}.png"
            target = outdir / "_images" / name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(png)
            frames[key] = prefix + name
        return m.group(1) + json.dumps(frames) + m.group(3)

    return _DEMO_FRAMES.sub(fix, html)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        new, leftovers = localize_html(text, docname)
        new = externalize_demo_frames(new, docname, Path(app.outdir))
        new = shrink_inline_pngs(new)
        if new != text:
            node.children = []
            node += nodes.Text(new)
        for url in leftovers:
            logger.warning(
                f"[lrnn_site] HTML output loads an external resource: {url} "
                "(the site must work offline: serve it from _static)",
                location=node,
            )
    for node in doctree.findall(nodes.image):
        uri = node.get("uri", "")
        if "://" in uri or uri.startswith("//"):
            logger.warning(
                f"[lrnn_site] image loaded from another host: {uri} "
                "(put it into figures/ and reference it relatively)",
                location=node,
            )


# -- plain-text titles -------------------------------------------------------------------------

_TEX_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "infty": "∞",
    "sqrt": "√", "cdot": "·", "times": "×", "to": "→", "rightarrow": "→", "leq": "≤",
    "geq": "≥", "neq": "≠", "approx": "≈", "sim": "∼", "perp": "⟂", "partial": "∂",
    "sum": "Σ", "top": "ᵀ", "pm": "±", "ell": "ℓ", "dot": "", "mathcal": "", "mathrm": "",
    "mathbf": "", "boldsymbol": "", "text": "", "left": "", "right": "", ",": " ", ";": " ",
    "quad": " ", " ": " ",
}
_SUP = str.maketrans("0123456789+-=()nTi", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿᵀⁱ")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def tex_to_text(tex: str) -> str:
    """A LaTeX formula as readable plain text (Greek letters and common symbols in Unicode,
    simple super/subscripts), for browser tabs and search results: ``O(1/\\sqrt N)`` ->
    ``O(1/√N)``.  Not a LaTeX renderer: what it does not know it keeps as letters."""
    # (a control word eats the space after it, as in TeX)
    out = re.sub(
        r"\\([A-Za-z]+ ?|[,; ])",
        lambda m: _TEX_SYMBOLS.get(m.group(1).rstrip() or m.group(1), m.group(1).rstrip()),
        tex,
    )

    def script(m: re.Match) -> str:
        body = m.group(2) if m.group(2) is not None else m.group(3)
        table = _SUP if m.group(1) == "^" else _SUB
        conv = body.translate(table)
        # characters without a Unicode super/subscript keep the TeX-like form: κ_r
        return conv if all(ord(c) > 127 or c == " " for c in conv) else m.group(1) + body

    out = re.sub(r"([\^_])(?:\{([^{}]*)\}|(\w))", script, out)
    out = out.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", out).strip()


def plain_title(node: nodes.Node) -> str:
    parts = []
    for child in node.findall(lambda n: isinstance(n, nodes.Text | nodes.math)):
        if isinstance(child, nodes.math):
            parts.append(tex_to_text(child.astext()))
        elif not isinstance(child.parent, nodes.math):
            parts.append(child.astext())
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Titles with math: the page's <title>, the search index and the prev/next links use the
    plain-text title (κ, not \\kappa); the heading on the page keeps its typeset math."""
    docname = app.env.docname
    title = app.env.titles.get(docname)
    if title is None or not any(True for _ in title.findall(nodes.math)):
        return
    text = plain_title(title)
    app.env.titles[docname] = nodes.title(text, text)
    app.env.longtitles[docname] = nodes.title(text, text)


# -- notebook list -----------------------------------------------------------------------------


def summarize(nb: dict) -> str:
    """First sentence of the first prose paragraph after the notebook's title."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = _as_text(cell.get("source"))
        for para in re.split(r"\n\s*\n", text):
            para = " ".join(line.strip() for line in para.strip().splitlines())
            if not para or para[0] in "#|>-*:`<!$" or re.match(r"\d+\.\s", para):
                continue
            # links are relative to the notebook: keep their text only on the index page
            para = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", para)
            para = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", para)
            return _first_sentence(para)
    return ""


def notebook_title(nb: dict) -> str:
    """The text of the notebook's first level-1 heading (Markdown), or ""."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in _as_text(cell.get("source")).splitlines():
            m = re.match(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", line)
            if m:
                return m.group(1).replace("[", "\\[").replace("]", "\\]")
    return ""


def _first_sentence(para: str) -> str:
    """Up to the first full stop outside math and outside parentheses ("(Mante et al. 2013)"
    is not cut)."""
    in_math = False
    depth = 0
    for i, ch in enumerate(para):
        if ch == "$":
            in_math = not in_math
        elif not in_math and ch in "([":
            depth += 1
        elif not in_math and ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ".!?" and not in_math and depth == 0 and (i + 1 == len(para) or para[i + 1] == " "):
            if len(para[: i + 1]) >= 20:
                return para[: i + 1]
    return para


class NotebookList(SphinxDirective):
    """``notebook-list``: a bullet list linking every notebook, with a one-line summary.

    Content lines ``NN_stem: summary`` give the summaries (MyST, one line each); a notebook
    without one gets the first sentence of its introduction."""

    has_content = True
    option_spec: dict = {}

    def run(self) -> list[nodes.Node]:
        written = {}
        for line in self.content:
            if line.strip():
                stem, sep, text = line.partition(":")
                if not sep:
                    logger.warning(f"[lrnn_site] notebook-list: expected 'stem: summary', got {line!r}")
                    continue
                written[stem.strip()] = text.strip()
        pattern = self.config.lrnn_notebook_glob
        docs = sorted(d for d in self.env.found_docs if fnmatch(d, pattern))
        lines: list[str] = []
        for docname in docs:
            path = Path(self.env.doc2path(docname))
            self.env.note_dependency(str(path))
            summary = title = ""
            if path.suffix == ".ipynb":
                nb = json.loads(path.read_text(encoding="utf-8"))
                summary = written.get(path.stem) or summarize(nb)
                title = notebook_title(nb)
            # the title as written in the notebook (Markdown, so $math$ is typeset; a {doc}
            # role would show the title's plain text, LaTeX source included)
            rel = Path(docname).relative_to(Path(self.env.docname).parent).as_posix()
            line = f"- [{title}]({rel}{path.suffix})" if title else f"- {{doc}}`/{docname}`"
            if summary:
                line += f" — {summary}"
            lines.append(line)
        if not lines:
            logger.warning("[lrnn_site] notebook-list: no notebook matches %r", pattern)
            return []
        container = nodes.container(classes=["lrnn-notebook-list"])
        self.state.nested_parse(StringList(lines, source="notebook-list"), 0, container)
        return [container]


def on_config_inited(app: Sphinx, config) -> None:
    # sphinx-exercise's own {solution} directives follow the same variant
    if config.lrnn_site_variant == "student":
        config.hide_solutions = True


def setup(app: Sphinx) -> dict:
    app.add_config_value("lrnn_site_variant", "full", "env", types=[str])
    app.add_config_value("lrnn_notebook_glob", "notebooks/*", "env", types=[str])
    app.add_config_value("lrnn_repository_dir", "", "env", types=[str])
    app.add_config_value("lrnn_repository_blob_url", "", "env", types=[str])
    app.add_config_value("lrnn_repository_url", "", "env", types=[str])
    app.add_config_value("lrnn_png_cache_dir", "", "env", types=[str])
    app.add_role("lrnn-badge", badge_role)
    app.connect("doctree-read", on_doctree_read)
    # MathJax on every page: the navigation shows notebook titles, and a title may hold math
    app.set_html_assets_policy("always")
    app.connect("config-inited", on_config_inited)
    app.connect("source-read", on_source_read)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("build-finished", on_build_finished)
    app.add_directive("notebook-list", NotebookList)
    app.add_transform(NotebookCells)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
