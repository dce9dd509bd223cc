"""The documentation builds without a single Sphinx warning, and has its pages.

The build is ``python -m sphinx -W --keep-going -b html docs <tmp>/html`` (run through
``sphinx.cmd.build.main``, which is what ``python -m sphinx`` calls, so that the same
process can report whether matplotlib was imported). It takes ~10–20 s: it reads the
docstrings, but computes no figure; the gallery shows the PNGs stored in
``docs/_static/gallery`` by ``docs/update_gallery.py``.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import isingsc
from test_architecture import LAYERS

pytest.importorskip("sphinx", reason="the docs extra is not installed")
pytest.importorskip("numpydoc", reason="the docs extra is not installed")

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GALLERY = DOCS / "_static" / "gallery"

_BUILD = """
import json, os, sys
from sphinx.cmd.build import main
rc = main(sys.argv[1:])
mpl = sys.modules.get("matplotlib")
real = mpl is not None and getattr(mpl, "__file__", os.devnull) != os.devnull
print("@@" + json.dumps({"rc": rc, "matplotlib": real}))
"""


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> dict:
    """Build once; -W --keep-going still writes every page when there are warnings."""
    out = tmp_path_factory.mktemp("docs")
    cmd = [sys.executable, "-c", _BUILD, "-W", "--keep-going", "-b", "html"]
    cmd += ["-d", str(out / "doctrees"), str(DOCS), str(out / "html")]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    status = [line for line in proc.stdout.splitlines() if line.startswith("@@")]
    assert status, proc.stdout[-3000:] + proc.stderr[-6000:]  # Sphinx itself crashed
    return {**json.loads(status[-1][2:]), "stderr": proc.stderr, "html": out / "html"}


@pytest.fixture(scope="module")
def html(build) -> Path:
    return build["html"]


def test_build_has_no_warnings(build):
    warnings = [
        line for line in build["stderr"].splitlines() if "WARNING" in line or "ERROR" in line
    ]
    assert build["rc"] == 0 and not warnings, "Sphinx warnings (-W):\n" + "\n".join(warnings)


def test_build_does_not_import_matplotlib(build):
    assert not build["matplotlib"]


def test_main_pages_exist(html):
    for page in ("index", "errata", "gallery", "architecture", "api/index", "theory/index"):
        assert (html / f"{page}.html").is_file(), page
    for page in ("model", "greens", "gap", "response", "pumping"):
        assert (html / "theory" / f"{page}.html").is_file(), page


def _public_modules() -> list[str]:
    """Every package and module of isingsc without a ``_private`` part."""
    return [
        m.name
        for m in pkgutil.walk_packages(isingsc.__path__, "isingsc.")
        if not any(part.startswith("_") for part in m.name.split(".")[1:])
    ]


def test_one_api_page_per_module(html):
    modules = _public_modules()
    assert {"isingsc.physics", "isingsc.physics.response", "isingsc.cli"} <= set(modules)
    for name in modules:
        page = html / "api" / "generated" / f"{name}.html"
        assert page.is_file(), name
        assert f'id="module-{name}"' in page.read_text(encoding="utf-8"), name


def test_api_pages_are_ordered_by_layer(html):
    """docs/conf.py orders the pages by the layers that tests/test_architecture.py enforces."""
    tree = ast.parse((DOCS / "conf.py").read_text(encoding="utf-8"))
    table = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "LAYERS"
    )
    documented = [members for _, _, members in ast.literal_eval(table)]
    enforced = [[m for m in layer if m != "isingsc.__main__"] for layer in LAYERS]
    assert documented == enforced
    text = (html / "api" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'href="generated/(isingsc[\w.]*)\.html"', text)
    first = [name for i, name in enumerate(listed) if name not in listed[:i]]
    rank = [
        next(
            i
            for i, layer in enumerate(documented)
            if any(name == m or name.startswith(m + ".") for m in layer)
        )
        for name in first
    ]
    assert rank == sorted(rank), first


def test_public_api_is_listed_and_linked(html):
    # a public name without a link has no documentation target: module-level data is
    # documented by autodoc only with a ``#:`` comment above it
    text = (html / "api" / "index.html").read_text(encoding="utf-8")
    unlinked = [
        name
        for name in isingsc.__all__
        if not name.startswith("__")
        and not re.search(rf'href="generated/isingsc[\w.]*\.html#isingsc[\w.]*\.{name}"', text)
    ]
    assert not unlinked, f"public names without API documentation: {unlinked}"


def test_gallery_shows_exactly_the_stored_pngs(html):
    stored = {p.name for p in GALLERY.glob("*.png")}
    index = (DOCS / "gallery_figures.rst").read_text(encoding="utf-8")
    listed = set(re.findall(r"figure:: _static/gallery/(\S+\.png)", index))
    assert listed == stored, "run: python docs/update_gallery.py --index-only"
    page = (html / "gallery.html").read_text(encoding="utf-8")
    shown = set(re.findall(r'<img [^>]*src="_images/([^"]+\.png)"', page))
    assert shown == stored
    for name in stored:
        assert (html / "_images" / name).is_file()


def test_math_is_rendered_by_mathjax(html):
    page = (html / "theory" / "greens.html").read_text(encoding="utf-8")
    assert "mathjax" in page.lower()
    assert page.count('class="math notranslate nohighlight"') > 20
