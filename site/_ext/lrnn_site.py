"""Small Sphinx extension for the lowrank-rnn-notebooks site.

- Solution cells (cells tagged ``solution``):
  * full site: code cells get myst-nb's ``hide-cell`` tag, so source *and* output fold into a
    "Show solution" dropdown; markdown cells are wrapped in a dropdown admonition.
  * student site: they get ``remove-cell``: they are still executed (later cells may use their
    results) but nothing of them reaches the page or the search index; and the ``.ipynb``
    offered for download (``_sources/``) is rewritten without them.
  The notebook files themselves are never modified: the tags are added in ``source-read``.
- External resources in notebook outputs: raw HTML (e.g. matplotlib's ``to_jshtml`` links
  Font Awesome 4 from a CDN) is rewritten to the copy served from ``_static``; any other
  ``<link>/<script>/<img>/...`` that would load from another host, and any image node with a
  remote URI, is a build warning (an error under ``-W``).
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
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

SOLUTION_TAG = "solution"
_HIDE_OR_REMOVE = {"hide-cell", "remove-cell", "remove_cell"}


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def is_solution(cell: dict) -> bool:
    return SOLUTION_TAG in _tags(cell)


def student_notebook(nb: dict) -> dict:
    """The notebook with every ``solution``-tagged cell removed (exercise stubs stay)."""
    out = dict(nb)
    out["cells"] = [c for c in nb.get("cells", []) if not is_solution(c)]
    return out


def _as_text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def mark_solutions(nb: dict, variant: str) -> dict:
    """Return the notebook with rendering tags added to its solution cells."""
    for cell in nb.get("cells", []):
        if not is_solution(cell):
            continue
        meta = cell.setdefault("metadata", {})
        tags = meta.setdefault("tags", [])
        if variant == "student":
            if "remove-cell" not in tags:
                tags.append("remove-cell")
            continue
        if cell.get("cell_type") == "code":
            if not _HIDE_OR_REMOVE.intersection(tags):
                tags.append("hide-cell")
            mystnb = meta.setdefault("mystnb", {})
            mystnb.setdefault("code_prompt_show", "Show solution")
            mystnb.setdefault("code_prompt_hide", "Hide solution")
        elif cell.get("cell_type") == "markdown":
            body = _as_text(cell.get("source")).rstrip("\n")
            fence = ":" * max(4, _longest_colon_fence(body) + 1)
            cell["source"] = (
                f"{fence}{{admonition}} Solution\n:class: dropdown lrnn-solution\n\n"
                f"{body}\n{fence}\n"
            )
    return nb


def _longest_colon_fence(text: str) -> int:
    runs = [len(m.group(0)) for m in re.finditer(r"^:{3,}", text, flags=re.M)]
    return max(runs, default=0)


def _is_notebook_doc(app: Sphinx, docname: str) -> bool:
    return app.env.doc2path(docname).suffix == ".ipynb"


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not _is_notebook_doc(app, docname):
        return
    nb = json.loads(source[0])
    if not any(is_solution(c) for c in nb.get("cells", [])):
        return
    source[0] = json.dumps(mark_solutions(nb, app.config.lrnn_site_variant), ensure_ascii=False)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Student site: the downloadable notebooks must not contain the solutions either."""
    if exception is not None or app.builder.format != "html":
        return
    if app.config.lrnn_site_variant != "student":
        return
    sources = Path(app.outdir) / "_sources"
    for docname in sorted(app.env.found_docs):
        src = app.env.doc2path(docname)
        if src.suffix != ".ipynb":
            continue
        dest = sources / (docname + ".ipynb")
        nb = json.loads(src.read_text(encoding="utf-8"))
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(
            json.dumps(student_notebook(nb), indent=1, ensure_ascii=False) + "\n",
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
            return _first_sentence(para)
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
            path = self.env.doc2path(docname)
            self.env.note_dependency(str(path))
            summary = ""
            if path.suffix == ".ipynb":
                summary = summarize(json.loads(path.read_text(encoding="utf-8")))
            line = f"- {{doc}}`/{docname}`"
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
    app.connect("config-inited", on_config_inited)
    app.connect("source-read", on_source_read)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("build-finished", on_build_finished)
    app.add_directive("notebook-list", NotebookList)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
