"""The architecture rules of the source tree (docs/architecture.rst), enforced.

1. **No private name crosses a module boundary.** In ``src/isingsc`` and ``benchmarks/``
   no module imports a private name (one leading underscore, not a dunder) from another
   module (``from X import _y``), reaches one through an imported module
   (``import isingsc as isc; isc.physics.response._y``), or imports a private module
   (``isingsc.physics._engine``) from outside the package that holds it. What two
   modules share is a documented public function of the lower one. ``tests/`` is
   excluded on purpose: white-box tests may look inside a module (its private helpers
   and constants) to check an intermediate result.
2. **Layers.** Each package imports only from itself and from the packages listed
   before it: core → numerics → physics → pumping → {model.py, units.py, materials.py}
   → io → sweeps → paper → plotting → cli; ``io`` imports ``core`` only; the package
   root ``isingsc/__init__.py`` (the public namespace) may import anything, and only
   ``cli`` may import from it.
3. **Only ``isingsc.plotting`` imports matplotlib**: checked on the syntax and, in a
   fresh interpreter, by importing every other module and running computations.
4. **Keyword-only model parameters.** In every callable of ``isingsc.__all__`` (and
   every public method of the model object) only the one spectral argument (ξ, ε, ω, Ω,
   V, Ω_ph) and named data/selector arguments may be positional; a positional call
   raises a TypeError whose message names the keywords.

The import rules are checked on the syntax tree (``ast``), so imports inside functions
and under ``if TYPE_CHECKING:`` count as well. A failure lists file:line and the name.
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "isingsc"
BENCHMARKS = ROOT / "benchmarks"

#: The layers, lowest first: a module may import from its own layer and the ones before.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("isingsc.core",),
    ("isingsc.io",),
    ("isingsc.numerics",),
    ("isingsc.physics",),
    ("isingsc.pumping",),
    ("isingsc.model", "isingsc.units", "isingsc.materials"),
    ("isingsc.sweeps",),
    ("isingsc.paper",),
    ("isingsc.plotting",),
    ("isingsc.cli", "isingsc.__main__"),
)
#: Narrower than the layer order: io (files, netCDF, provenance) needs only core.
ONLY_FROM: dict[str, tuple[str, ...]] = {"isingsc.io": ("isingsc.core",)}
#: The public namespace re-exports every layer; only the CLI may import it.
ROOT_IMPORTERS = ("isingsc.cli", "isingsc.__main__")


# --- reading the tree -----------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    path: Path
    module: str  # dotted name: isingsc.physics.dos, benchmarks.bench_dos
    is_package: bool  # an __init__.py

    @property
    def package(self) -> str:
        """The package the module belongs to (itself for an __init__)."""
        return self.module if self.is_package else self.module.rpartition(".")[0]

    @property
    def tree(self) -> ast.Module:
        return ast.parse(self.path.read_text(encoding="utf-8"), filename=str(self.path))

    def where(self, node: ast.AST) -> str:
        """``file:line`` of a node, the file relative to the repository root."""
        path = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{path}:{getattr(node, 'lineno', 0)}"


def _sources(directory: Path, prefix: str) -> list[Source]:
    out = []
    for path in sorted(directory.rglob("*.py")):
        parts = list(path.relative_to(directory).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out.append(Source(path, ".".join([prefix, *parts]), is_package))
    return out


PACKAGE_SOURCES = _sources(PACKAGE, "isingsc")
BENCHMARK_SOURCES = _sources(BENCHMARKS, "benchmarks")
#: Benchmarks import their sibling helpers as top-level modules (``from _harness import``).
BENCHMARK_SIBLINGS = {s.module.rpartition(".")[2] for s in BENCHMARK_SOURCES}
PROJECT_MODULES = {s.module for s in PACKAGE_SOURCES + BENCHMARK_SOURCES}


def _absolute(source: Source, module: str | None, level: int) -> str:
    """The absolute dotted name of ``from <level dots><module> import ...`` in ``source``."""
    if level == 0:
        assert module is not None
        head = module.partition(".")[0]
        if source.module.startswith("benchmarks.") and head in BENCHMARK_SIBLINGS:
            return f"benchmarks.{module}"
        return module
    base = source.package.split(".")
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


@dataclass(frozen=True)
class Import:
    node: ast.AST
    module: str  # absolute name of the imported module
    names: tuple[str, ...]  # names taken from it (empty for ``import module``)


def _imports(source: Source) -> Iterator[Import]:
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node, _absolute(source, alias.name, 0), ())
        elif isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            yield Import(node, _absolute(source, node.module, node.level), names)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_component(module: str) -> tuple[str, str] | None:
    """``(package, name)`` of the first private component of a dotted module name."""
    parts = module.split(".")
    for i, part in enumerate(parts):
        if _is_private(part):
            return ".".join(parts[:i]), part
    return None


def _inside(module: str, package: str) -> bool:
    return package == "" or module == package or module.startswith(package + ".")


# --- 1. private names -----------------------------------------------------------------
def _private_violations(source: Source) -> list[str]:
    found = []
    aliases: dict[str, str] = {}  # local name -> project module it is bound to
    for imp in _imports(source):
        private = _private_component(imp.module)
        if private and not _inside(source.module, private[0]):
            found.append(f"{source.where(imp.node)}: imports private module {imp.module}")
        is_project = imp.module.partition(".")[0] in {"isingsc", "benchmarks"}
        if not imp.names:  # import a.b.c [as x]
            for alias in imp.node.names:  # type: ignore[attr-defined]
                target = _absolute(source, alias.name, 0)
                if target.partition(".")[0] in {"isingsc", "benchmarks"}:
                    aliases[alias.asname or alias.name.partition(".")[0]] = (
                        target if alias.asname else target.partition(".")[0]
                    )
            continue
        for alias in imp.node.names:  # type: ignore[attr-defined]
            name = alias.name
            if not is_project or name == "*":
                continue
            submodule = f"{imp.module}.{name}"
            if _is_private(name) and not (
                submodule in PROJECT_MODULES and _inside(source.module, imp.module)
            ):
                found.append(f"{source.where(imp.node)}: from {imp.module} import {name}")
            if submodule in PROJECT_MODULES:
                aliases[alias.asname or name] = submodule
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in aliases:
                found.append(f"{source.where(node)}: {ast.unparse(node)} (private attribute)")
    return sorted(found, key=lambda f: int(f.partition(": ")[0].rpartition(":")[2]))


@pytest.mark.parametrize(
    "source",
    PACKAGE_SOURCES + BENCHMARK_SOURCES,
    ids=lambda s: str(s.path.relative_to(ROOT)),
)
def test_no_private_name_crosses_a_module_boundary(source):
    found = _private_violations(source)
    assert not found, "private names used across modules:\n" + "\n".join(found)


def test_private_name_checker_catches_each_form(tmp_path):
    """The checker itself: each forbidden form is found, the allowed ones are not."""
    code = """
        import isingsc as isc
        import isingsc.physics.response
        from isingsc.physics import response as resp
        from isingsc.physics.response import _state, conductivity
        from isingsc.physics._engine import kernel
        from _harness import time_call
        from . import __version__
        isc.physics.response._interpolate(1)
        isingsc.physics.response._INTERP_POINTS
        resp._state
        isc.conductivity.__doc__
        """
    path = tmp_path / "bench_x.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    found = _private_violations(Source(path, "benchmarks.bench_x", False))
    assert [f.partition(": ")[2] for f in found] == [
        "from isingsc.physics.response import _state",
        "imports private module isingsc.physics._engine",
        "isc.physics.response._interpolate (private attribute)",
        "isingsc.physics.response._INTERP_POINTS (private attribute)",
        "resp._state (private attribute)",
    ]


# --- 2. layers ------------------------------------------------------------------------
def _layer(module: str) -> int | None:
    for rank, members in enumerate(LAYERS):
        if any(_inside(module, m) for m in members):
            return rank
    return None


def _group(module: str) -> str:
    """The layer member (package or top-level module) that contains ``module``."""
    return next(m for members in LAYERS for m in members if _inside(module, m))


def _layer_violations(source: Source) -> list[str]:
    if source.module == "isingsc":  # the public namespace re-exports every layer
        return []
    own = _layer(source.module)
    assert own is not None, (
        f"{source.module} belongs to no layer: add it to LAYERS here and to "
        "docs/architecture.rst, or move it into an existing package"
    )
    group = _group(source.module)
    found = []
    for imp in _imports(source):
        targets = [imp.module]
        if imp.module == "isingsc":  # ``import isingsc`` or ``from isingsc import x``
            subs = [f"isingsc.{n}" for n in imp.names if f"isingsc.{n}" in PROJECT_MODULES]
            if len(subs) < max(len(imp.names), 1) and source.module not in ROOT_IMPORTERS:
                rest = [n for n in imp.names if f"isingsc.{n}" not in subs] or ["import isingsc"]
                found.append(
                    f"{source.where(imp.node)}: {source.module} imports from the package "
                    f"root isingsc ({', '.join(rest)}), which imports every layer"
                )
            targets = subs
        for target in targets:
            if not _inside(target, "isingsc") or _inside(target, group):
                continue
            rank = _layer(target)
            allowed = ONLY_FROM.get(group)
            if allowed is not None:
                ok = any(_inside(target, a) for a in allowed)
            else:
                ok = rank is not None and rank <= own
            if not ok:
                found.append(f"{source.where(imp.node)}: {source.module} imports {target}")
    return found


@pytest.mark.parametrize("source", PACKAGE_SOURCES, ids=lambda s: s.module)
def test_each_package_imports_only_from_lower_layers(source):
    found = _layer_violations(source)
    assert not found, "imports against the layer order:\n" + "\n".join(found)


def test_every_package_has_a_layer():
    """A new package is placed in the order deliberately (here and in the docs)."""
    for source in PACKAGE_SOURCES:
        if source.module != "isingsc":
            assert _layer(source.module) is not None, source.module
    page = (ROOT / "docs" / "architecture.rst").read_text(encoding="utf-8")
    for members in LAYERS:
        for member in members:
            if (SRC / Path(*member.split("."))).exists() or member in PROJECT_MODULES:
                assert member.rpartition(".")[2] in page, f"{member} is not in the docs"


# --- 3. matplotlib only in plotting --------------------------------------------------
@pytest.mark.parametrize("source", PACKAGE_SOURCES, ids=lambda s: s.module)
def test_only_plotting_imports_matplotlib_in_the_source(source):
    if _inside(source.module, "isingsc.plotting"):
        return
    found = [
        f"{source.where(imp.node)}: {imp.module}"
        for imp in _imports(source)
        if _inside(imp.module, "matplotlib")
    ]
    assert not found, "matplotlib imported outside isingsc.plotting:\n" + "\n".join(found)


_NO_MATPLOTLIB = """
import importlib, pkgutil, sys
import numpy as np
import isingsc as isc

for info in pkgutil.walk_packages(isc.__path__, "isingsc."):
    if not info.name.startswith("isingsc.plotting"):
        importlib.import_module(info.name)
Delta = isc.order_parameter(T=0.1, h=1.0, beta=2.0)
isc.dos(np.linspace(-3, 3, 7), beta=2.0, h=1.0, Delta=Delta, Gamma=0.05)
isc.conductivity(np.array([0.5, 2.5]), beta=2.0, h=1.0, T=0.1, Gamma=0.05)
isc.raman(np.array([0.5, 2.5]), beta=2.0, h=1.0, T=0.1, Gamma=0.05)
isc.critical_temperature(h=1.0, beta=2.0)
sc = isc.IsingSuperconductor(beta=2.0, h=1.0, T=0.1, Gamma=0.05)
sc.conductivity(np.array([0.5, 2.5]))
print(sorted(m for m in sys.modules if m.partition(".")[0] == "matplotlib")[:5])
"""


def test_importing_and_computing_does_not_import_matplotlib():
    proc = subprocess.run(
        [sys.executable, "-c", _NO_MATPLOTLIB], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout


# --- 4. keyword-only model parameters ------------------------------------------------
#: Model parameters (units of Δ0 or dimensionless): never positional.
MODEL_PARAMETERS = frozenset(
    {"beta", "h", "Delta", "T", "Gamma", "Omega_m", "h_m", "Gamma_iv", "Gamma_so", "Gamma_sf"}
)
#: The one spectral argument a function may take positionally.
SPECTRAL = frozenset({"xi", "eps", "omega", "Omega", "V", "Omega_ph"})
#: Positional arguments that are neither spectral nor model parameters: the name of the
#: observable asked for, spectra given as data to be converted, the bounds of an
#: energy grid.
DATA = frozenset({"quantity", "chi_ratio", "sigma_ratio", "emin", "emax"})


def _public_callables() -> Iterator[tuple[str, object]]:
    import isingsc  # here, not at the top: the import rules above report even when
    # a layering mistake (an import cycle) keeps the package from importing

    for name in isingsc.__all__:
        obj = getattr(isingsc, name)
        if not callable(obj) or (isinstance(obj, type) and issubclass(obj, BaseException)):
            continue
        yield name, obj
    model = isingsc.IsingSuperconductor
    for name, member in inspect.getmembers(model, inspect.isfunction):
        if not name.startswith("_"):
            yield f"IsingSuperconductor.{name}", member


def _parameters(obj: object) -> list[inspect.Parameter]:
    params = list(inspect.signature(obj).parameters.values())
    return [p for p in params if p.name != "self"]


#: Result records (frozen dataclasses returned by the functions) are not called with
#: model parameters by a user; their fields follow the order of their attributes.
RESULTS = ("CriticalFields", "GapSolution", "OpticalFeature", "PhaseDiagram", "PumpedState")


@pytest.fixture(scope="module")
def keyword_callables() -> dict[str, object]:
    """Public callables that take at least one model parameter."""
    return {
        name: obj
        for name, obj in _public_callables()
        if name not in RESULTS and any(p.name in MODEL_PARAMETERS for p in _parameters(obj))
    }


def test_the_model_object_and_the_main_functions_are_checked(keyword_callables):
    expected = {"dos", "conductivity", "raman", "order_parameter", "pumped_conductivity"}
    # methods that only take the spectral argument (sc.dos(eps), …) have no model
    # parameter to check; pumped(Omega_m=, h_m=) has
    assert expected | {"IsingSuperconductor", "IsingSuperconductor.pumped"} <= set(
        keyword_callables
    )


def test_model_parameters_are_keyword_only(keyword_callables):
    found = []
    for name, obj in keyword_callables.items():
        params = _parameters(obj)
        positional = [
            p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        spectral = set(positional) & SPECTRAL
        if any(p.kind is p.VAR_POSITIONAL for p in params):
            found.append(f"{name}: takes *args")
        if not set(positional) <= SPECTRAL | DATA or len(spectral) > 1:
            found.append(f"{name}: positional {positional}")
    assert not found, "model parameters that can be given positionally:\n" + "\n".join(found)


def test_positional_model_parameters_raise_a_type_error_naming_the_keywords(keyword_callables):
    import isingsc

    model = isingsc.IsingSuperconductor(beta=1.0, h=0.5, T=0.1, Gamma=0.05, Delta=1.0)
    found = []
    for name, obj in keyword_callables.items():
        params = _parameters(obj)
        n_positional = sum(p.kind is p.POSITIONAL_OR_KEYWORD for p in params)
        method = name.partition("IsingSuperconductor.")[2]
        call = getattr(model, method) if method else obj
        try:
            call(*[1.0] * (n_positional + 1))
        except TypeError as exc:
            message = str(exc)
        else:
            found.append(f"{name}: a positional model parameter was accepted")
            continue
        keywords = [p.name for p in params if p.kind is p.KEYWORD_ONLY]
        missing = [
            k for k in keywords if k in MODEL_PARAMETERS and not re.search(rf"\b{k}\b", message)
        ]
        if missing:
            found.append(f"{name}: the TypeError does not name {missing}: {message}")
    assert not found, "\n".join(found)
