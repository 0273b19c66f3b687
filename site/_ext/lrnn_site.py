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
- ``notebook-list`` directive: one line per notebook (link + first sentence of the summary),
  generated from whatever ``notebooks/*.ipynb`` exist, in lecture (sorted) order.
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


def student_notebook(nb: dict, source: str) -> dict:
    """The student version offered for download: the project's own generator
    (``lrnn_utils.coursework.student_notebook``: solutions removed, outputs cleared), or, if
    that is not importable, the notebook with every ``solution``-tagged cell removed."""
    try:
        from lrnn_utils.coursework import student_notebook as generate
    except ImportError:
        out = dict(nb)
        out["cells"] = [c for c in nb.get("cells", []) if not is_solution(c)]
        return out
    return generate(nb, source=source)


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


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not _is_notebook_doc(app, docname):
        return
    nb = json.loads(source[0])
    changed = link_repository_files(
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


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Student site: the downloadable notebooks must not contain the solutions either."""
    if exception is not None or app.builder.format != "html":
        return
    if app.config.lrnn_site_variant != "student":
        return
    sources = Path(app.outdir) / "_sources"
    for docname in sorted(app.env.found_docs):
        src = Path(app.env.doc2path(docname))
        if src.suffix != ".ipynb":
            continue
        dest = sources / (docname + ".ipynb")
        nb = json.loads(src.read_text(encoding="utf-8"))
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(
            json.dumps(
                student_notebook(nb, source=f"{docname}.ipynb"), indent=1, ensure_ascii=False
            )
            + "\n",
            encoding="utf-8",
        )
        logger.info(f"[lrnn_site] student notebook without solutions: {dest}")


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


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        new, leftovers = localize_html(text, docname)
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
    in_math = False
    for i, ch in enumerate(para):
        if ch == "$":
            in_math = not in_math
        elif ch in ".!?" and not in_math and (i + 1 == len(para) or para[i + 1] == " "):
            if len(para[: i + 1]) >= 20:
                return para[: i + 1]
    return para


class NotebookList(SphinxDirective):
    """``notebook-list``: a bullet list linking every notebook, with a one-line summary."""

    has_content = False
    option_spec: dict = {}

    def run(self) -> list[nodes.Node]:
        pattern = self.config.lrnn_notebook_glob
        docs = sorted(d for d in self.env.found_docs if fnmatch(d, pattern))
        lines: list[str] = []
        for docname in docs:
            path = Path(self.env.doc2path(docname))
            self.env.note_dependency(str(path))
            summary = title = ""
            if path.suffix == ".ipynb":
                nb = json.loads(path.read_text(encoding="utf-8"))
                summary, title = summarize(nb), notebook_title(nb)
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
    # MathJax on every page: the navigation shows notebook titles, and a title may hold math
    app.set_html_assets_policy("always")
    app.connect("config-inited", on_config_inited)
    app.connect("source-read", on_source_read)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("build-finished", on_build_finished)
    app.add_directive("notebook-list", NotebookList)
    app.add_transform(NotebookCells)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
