"""Unit tests of the site's Sphinx extension (site/_ext/lrnn_site.py).

The browser check (site/check_site.mjs) sees these functions only through a whole build;
here each is run on small inputs, so a regression names the function.  Needs the ``site``
extra (sphinx, Pillow through matplotlib): skipped in the plain test environment, run by
``.ci/run`` after the site packages are installed.
"""

from __future__ import annotations

import base64
import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sphinx")
Image = pytest.importorskip("PIL.Image")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site" / "_ext"))
import lrnn_site  # noqa: E402


def _cell(kind, source, tags=(), outputs=None):
    cell = {"cell_type": kind, "metadata": {"tags": list(tags)}, "source": source}
    if kind == "code":
        cell["outputs"] = outputs if outputs is not None else [{"output_type": "stream"}]
        cell["execution_count"] = 3
    return cell


def _png(size=(60, 40), dpi=200, mode="RGB", color=(255, 255, 255)):
    im = Image.new(mode, size, color)
    for x in range(size[0]):  # a line, so the image is not one colour
        im.putpixel((x, x * size[1] // size[0]), (0, 0, 0) + (() if mode == "RGB" else (255,)))
    buf = io.BytesIO()
    im.save(buf, format="PNG", dpi=(dpi, dpi))
    return buf.getvalue()


# -- student edition: no solution may reach a student -------------------------------------


def test_student_notebook_drops_solutions_and_outputs_without_touching_the_source():
    nb = {"cells": [
        _cell("markdown", "# Title"),
        _cell("code", "x = 1"),
        _cell("code", "answer = 42", tags=["solution"]),
        _cell("markdown", "The answer is 42.", tags=["solution", "other"]),
    ]}
    before = json.dumps(nb)
    out = lrnn_site.student_notebook(nb)
    assert [c["source"] for c in out["cells"]] == ["# Title", "x = 1"]
    assert out["cells"][1]["outputs"] == [] and out["cells"][1]["execution_count"] is None
    assert json.dumps(nb) == before  # the notebook read from disk is not changed


def test_markdown_solutions_dropped_for_students_folded_otherwise():
    body = "Use the fixed point.\n:::{note}\ninner\n:::"
    nb = {"cells": [_cell("markdown", "intro"), _cell("markdown", body, tags=["solution"])]}
    student = lrnn_site.mark_markdown_solutions(json.loads(json.dumps(nb)), "student")
    assert [c["source"] for c in student["cells"]] == ["intro"]
    full = lrnn_site.mark_markdown_solutions(json.loads(json.dumps(nb)), "full")
    text = full["cells"][1]["source"]
    # the dropdown's fence is longer than any fence inside the solution (else it closes early)
    assert text.startswith("::::{admonition} Solution\n:class: dropdown")
    assert text.rstrip().endswith("\n::::") and body in text


def test_setup_cell_student_edition_never_points_at_the_repository():
    url = "https://github.com/example/lowrank-rnn-notebooks"
    student = lrnn_site.setup_cell("student", url, "notebooks/02_rank_one")["source"]
    full = lrnn_site.setup_cell("full", url, "notebooks/02_rank_one")["source"]
    unset = lrnn_site.setup_cell("full", "", "notebooks/02_rank_one")["source"]
    assert url not in student and "git+" not in student and "clone" not in student
    assert url in full and "notebooks/02_rank_one.ipynb" in full
    assert "import lrnn_utils" in unset and "github" not in unset


# -- plain-text titles and the index summaries ---------------------------------------------


@pytest.mark.parametrize("tex, text", [
    (r"O(1/\sqrt N)", "O(1/√N)"),
    (r"\kappa", "κ"),
    (r"x^2 + \Delta_0", "x² + Δ₀"),
    (r"\kappa_r", "κ_r"),  # no Unicode subscript r: stays readable
    (r"J_0 + m n^{T}/N", "J₀ + m nᵀ/N"),
])
def test_tex_to_text(tex, text):
    assert lrnn_site.tex_to_text(tex) == text


def test_first_sentence_is_not_cut_inside_parentheses_or_math():
    para = ("Context changes the response (Mante et al. 2013) of the same network. "
            "Second sentence.")
    assert lrnn_site._first_sentence(para) == (
        "Context changes the response (Mante et al. 2013) of the same network.")
    math = "The drift $a = 1.5. b$ sets the radius of the cycle. More."
    assert lrnn_site._first_sentence(math) == "The drift $a = 1.5. b$ sets the radius of the cycle."


def test_summarize_skips_headings_and_lists_and_keeps_link_text():
    nb = {"cells": [
        _cell("code", "import numpy"),
        _cell("markdown", "# Title\n\n- a goal\n- another\n\n"
                          "A [rank-one](../THEORY.md#r1) network has one latent variable. "
                          "Then more."),
    ]}
    assert lrnn_site.summarize(nb) == "A rank-one network has one latent variable."


# -- figures and frames ----------------------------------------------------------------------


def test_palette_png_keeps_pixels_size_and_dpi():
    data = _png(size=(300, 200), dpi=200)
    out = lrnn_site.palette_png(data)
    with Image.open(io.BytesIO(out)) as a, Image.open(io.BytesIO(data)) as b:
        assert a.size == b.size
        assert round(a.info["dpi"][0]) == 200  # the browser check reads text size from it
        assert np.array_equal(np.asarray(a.convert("RGB")), np.asarray(b.convert("RGB")))
    assert len(out) <= len(data)


def test_palette_png_leaves_transparent_overlays_alone():
    overlay = _png(mode="RGBA", color=(0, 0, 0, 0))
    assert lrnn_site.palette_png(overlay) == overlay


def test_externalize_demo_frames_writes_files_named_by_content(tmp_path):
    png = _png()
    uri = "data:image/png;base64," + base64.b64encode(png).decode()
    frames = {"a=1": uri, "a=2": uri, "a=3": "already/a/file.png"}
    html = ('<p>x</p><script type="application/json" class="lrnn-demo-frames">'
            f"{json.dumps(frames)}</script>")
    out = lrnn_site.externalize_demo_frames(html, "notebooks/06_rank_two", tmp_path)
    new = json.loads(out.split('"lrnn-demo-frames">')[1].split("</script>")[0])
    assert new["a=3"] == "already/a/file.png"
    assert new["a=1"] == new["a=2"] and new["a=1"].startswith("../_images/lrnn-frame-")
    written = list((tmp_path / "_images").iterdir())
    assert len(written) == 1 and written[0].name == new["a=1"].split("/")[-1]
    bad = '<script type="application/json" class="lrnn-demo-frames">{not json</script>'
    assert lrnn_site.externalize_demo_frames(bad, "notebooks/x", tmp_path) == bad


def test_shrink_inline_pngs_rewrites_large_embedded_frames_only():
    png = _png(size=(400, 300))
    b64 = base64.b64encode(png).decode()
    html = f'<img src="data:image/png;base64,{b64}"><img src="data:image/png;base64,iVBOR">'
    out = lrnn_site.shrink_inline_pngs(html)
    assert out.endswith('<img src="data:image/png;base64,iVBOR">')  # short: not touched
    new = out.split("base64,")[1].split('"')[0]
    with Image.open(io.BytesIO(base64.b64decode(new))) as im:
        assert im.size == (400, 300)


# -- nothing loads from off the machine -------------------------------------------------------


def test_localize_html_rewrites_known_cdn_and_reports_the_rest():
    html = ('<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/font-awesome/'
            '4.4.0/css/font-awesome.min.css">'
            '<script src="//cdn.example.org/x.js"></script>'
            '<a href="https://example.org/page">a link is not a load</a>'
            '<style>@import url("https://fonts.example.com/f.css");</style>')
    out, leftovers = lrnn_site.localize_html(html, "notebooks/05_inputs")
    assert "../_static/font-awesome/css/font-awesome.min.css" in out
    assert "bootstrapcdn" not in out
    assert leftovers == ["//cdn.example.org/x.js", "https://fonts.example.com/f.css"]


def test_drop_fontawesome_js(tmp_path):
    script = '    <script defer src="../_static/scripts/fontawesome.js?digest=abc"></script>\n'
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "p.html").write_text(f"<head>\n{script}</head>")
    (tmp_path / "q.html").write_text("<head></head>")
    (tmp_path / "_static" / "scripts").mkdir(parents=True)
    (tmp_path / "_static" / "scripts" / "fontawesome.js").write_text("x")
    assert lrnn_site.drop_fontawesome_js(tmp_path) == 1
    assert (tmp_path / "notebooks" / "p.html").read_text() == "<head>\n</head>"
    assert not (tmp_path / "_static" / "scripts" / "fontawesome.js").exists()


def test_section_badges_go_under_the_first_heading():
    nb = {"cells": [_cell("markdown", "intro\n## Mean field\nText.", tags=["deep-dive"])]}
    assert lrnn_site.add_section_badges(nb)
    lines = nb["cells"][0]["source"].splitlines()
    assert lines[1] == "## Mean field" and lines[3] == "{lrnn-badge}`deep-dive`"
