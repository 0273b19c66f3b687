"""Nothing a notebook shows loads from off the machine (JupyterLab offline, the site).

Scans the outputs stored in every committed ``.ipynb`` for resources a browser would
fetch from ``http(s)://`` (``src=``/``href=`` of link, script, img, ..., CSS ``@import``
and ``url(...)``); plain hyperlinks (``<a href=...>``, markdown links) are fine. Also
checks
:func:`lrnn_utils.plotting.animation_html`, the offline replacement of ``to_jshtml``.
"""

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import animation  # noqa: E402

from lrnn_utils.plotting import animation_html  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

_REMOTE = r"""["']?\s*(?:https?:)?//"""  # http://, https:// and protocol-relative //
REMOTE_RESOURCE = [
    re.compile(
        r"<(?:link|script|img|iframe|source|video|audio|embed|object|track|image)\b"
        r"[^>]*?\b(?:src|href|data|srcset|xlink:href)\s*=\s*" + _REMOTE,
        re.I,
    ),
    re.compile(r"@import\s+(?:url\(\s*)?" + _REMOTE, re.I),
    re.compile(r"url\(\s*" + _REMOTE, re.I),
]
# output mime types a browser interprets (text/plain and images are inert)
ACTIVE_MIME = ("text/html", "image/svg+xml", "application/javascript", "text/markdown")


def remote_resources(text: str) -> list[str]:
    """Snippets of ``text`` that would make a browser load something from another
    host."""
    found = []
    for pattern in REMOTE_RESOURCE:
        for m in pattern.finditer(text):
            found.append(text[m.start():m.end() + 60].split("\n")[0])
    return found


def output_texts(nb):
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            for mime, data in out.get("data", {}).items():
                if mime in ACTIVE_MIME:
                    yield (
                        i,
                        mime,
                        "".join(data) if isinstance(data, list) else str(data),
                    )


def test_the_scan_finds_remote_resources_and_passes_hyperlinks():
    assert remote_resources('<link rel="stylesheet" href="https://cdn.example/fa.css">')
    assert remote_resources("<script src='//cdn.example/x.js'></script>")
    assert remote_resources('<img alt="x" src="http://example.org/a.png">')
    assert remote_resources("<style>@import 'https://fonts.example/f.css';</style>")
    assert remote_resources(
        "<div style=\"background: url('https://example.org/b.png')\">"
    )
    assert not remote_resources(
        '<a href="https://doi.org/10.1016/j.neuron.2018.07.003">paper</a>'
    )
    assert not remote_resources('<img src="data:image/png;base64,iVBORw0KGgo=">')
    assert not remote_resources("see https://example.org for more")


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in NOTEBOOKS])
def test_stored_outputs_load_nothing_from_the_network(path):
    nb = nbformat.read(path, as_version=4)
    hits = [f"cell {i} ({mime}): {snippet}" for i, mime, text in output_texts(nb)
            for snippet in remote_resources(text)]
    assert not hits, f"{path.name} outputs load remote resources:\n" + "\n".join(hits)


def _small_animation(frames=4):
    fig, ax = plt.subplots(figsize=(2, 1.5))
    (line,) = ax.plot([], [])
    ax.set_xlim(0, 1)
    ax.set_ylim(-1, 1)
    x = np.linspace(0, 1, 20)

    def draw(j):
        line.set_data(x, np.sin(6 * x + j))
        return (line,)

    anim = animation.FuncAnimation(fig, draw, frames=frames, interval=80, blit=True)
    plt.close(fig)
    return anim


def test_animation_html_is_offline_and_embeds_every_frame():
    html = animation_html(_small_animation(4), dpi=30)
    assert remote_resources(html) == []
    assert "fa-" not in html and "font-awesome" not in html.lower()
    assert html.count('"iVBOR') == 4, "one embedded PNG per frame"
    assert 'max="3"' in html and " checked" in html and "80.0" in html
    assert html.isascii(), "button labels and markup in ASCII: every font draws them"


def test_animation_html_is_reproducible_and_ids_are_distinct():
    a = animation_html(_small_animation(3), dpi=30, default_mode="once")
    b = animation_html(_small_animation(3), dpi=30, default_mode="once")
    ids = [re.search(r'id="(lrnn-anim-[^"]+)"', h).group(1) for h in (a, b)]
    assert ids[0] != ids[1], "two players on one page must not share element ids"
    assert a.replace(ids[0], "X") == b.replace(ids[1], "X")
    assert " checked" not in a


def test_animation_html_rejects_a_bad_mode():
    with pytest.raises(ValueError, match="default_mode"):
        animation_html(_small_animation(2), default_mode="bounce")
