"""The ``isingsc`` command line: argument parsing and dispatch, nothing else.

::

    isingsc --version
    isingsc info --beta 4 --h 2.8 [--T '0.01 Tc0'] [--Delta D] [--material NAME]
    isingsc reproduce [--out DIR] [--quick] [--only FIG ...] [--overwrite] [--list]
    isingsc sweep SPEC.toml --out FILE.nc [--workers N] [--scheduler ADDRESS] [--overwrite]
    isingsc plot FILE.nc [--out PNG] [--var NAME] [--sel NAME=VALUE ...]

Each command calls one public function: ``info`` prints
:func:`isingsc.paper.state_report`; ``reproduce`` runs :func:`isingsc.paper.reproduce`
(the figures of :data:`isingsc.paper.FIGURES`); ``sweep`` runs
:func:`isingsc.sweeps.sweep_from_spec`; ``plot`` draws with
:func:`isingsc.plotting.datasets.plot_dataset`.

A plain number is in units of Δ0 (the BCS gap at T = 0, h = 0), the temperature k_B T
included, as everywhere in isingsc; other units are written out: ``--T '0.01 Tc0'``,
``--h '10 T'`` (with ``--material``). Exit status: 0 on success, 2 for bad arguments or
inputs (including :class:`isingsc.ParameterError` and a refusal to overwrite), 1 for
other failures.
"""

from __future__ import annotations

import argparse
import functools
import logging
import shlex
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .core.errors import ParameterError
from .io.files import atomic_write
from .materials import MATERIALS, get_material
from .paper.registry import FIGURES
from .units import parse_quantity

__all__ = ["main", "make_parser"]

PROG = "isingsc"
DEFAULT_OUT = "isingsc-figures"
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    """A problem with the user's request (exit status 2)."""


# ----------------------------------------------------------------------------- parser
def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be > 0")
    return value


def _add_info_parser(sub: Any) -> None:
    info = sub.add_parser(
        "info",
        help="print Delta, gap edges, optical gaps, Tc(h), critical fields of one state",
        description=(
            "Print the order parameter, the gap edges (ordinary, mirage-, mirage+), the "
            "optical gaps I, II, III, Tc(h), the critical field and the tricritical point "
            "of one state. A plain number is in units of Delta0 (the temperature k_B T "
            "included); other units are written out ('0.01 Tc0', '1.5 K', '10 T')."
        ),
    )
    info.add_argument(
        "--beta",
        required=True,
        metavar="BETA",
        help="Ising spin-orbit coupling beta: a number in units of Delta0 (e.g. 4) or a "
        "value with a unit ('76 meV'; needs --material)",
    )
    info.add_argument(
        "--h",
        default="0",
        metavar="H",
        help="in-plane Zeeman energy h = g mu_B B / 2: a number in units of Delta0 "
        "(default 0) or a value with a unit ('10 T', '0.3 meV'; needs --material)",
    )
    info.add_argument(
        "--T",
        default="0.01 Tc0",
        metavar="T",
        help="temperature k_B T: a number in units of Delta0 (0 is exact) or a value with "
        "a unit: '0.01 Tc0' (the default, the paper's), '1.5 K' (needs --material)",
    )
    info.add_argument(
        "--Delta",
        default=None,
        metavar="DELTA",
        help="use this order parameter (units of Delta0, or with a unit) for the gap "
        "edges and optical gaps instead of the self-consistent Delta(T, h)",
    )
    info.add_argument(
        "--material",
        default=None,
        metavar="NAME",
        help="material preset for physical units (isingsc.MATERIALS: "
        + ", ".join(MATERIALS)
        + "); also prints every result in meV, K, tesla, THz and cm-1",
    )


def _add_reproduce_parser(sub: Any) -> None:
    rep = sub.add_parser(
        "reproduce",
        help="recompute the paper's figures (PNG, PDF, netCDF data, manifest.json)",
        description=(
            "Recompute the paper's figures and write <id>.png, <id>.pdf, <id>.nc (data "
            "with every parameter) per figure and manifest.json into --out "
            "(isingsc.paper.reproduce). Existing files are never replaced without "
            "--overwrite."
        ),
    )
    rep.add_argument(
        "--out",
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"output directory (default: {DEFAULT_OUT}; created if missing)",
    )
    rep.add_argument(
        "--quick",
        action="store_true",
        help="fast low-resolution run (coarser grids; for tests and previews)",
    )
    rep.add_argument(
        "--only",
        nargs="+",
        choices=list(FIGURES),
        metavar="FIG",
        help=f"figures to make (default: all of {', '.join(FIGURES)})",
    )
    rep.add_argument("--overwrite", action="store_true", help="replace existing output files")
    rep.add_argument(
        "--dpi", type=_positive_int, default=200, help="resolution of the PNG files (default 200)"
    )
    rep.add_argument(
        "--list",
        action="store_true",
        help="list the available figures with their captions and exit",
    )
    rep.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar or progress messages"
    )


def _add_sweep_parsers(sub: Any) -> None:
    swp = sub.add_parser(
        "sweep",
        help="compute any observable over a parameter grid (TOML spec -> netCDF)",
        description=(
            "Compute a public observable of isingsc over the parameter grid of SPEC (a "
            "TOML file: quantity, optional material, [fixed] and [grid]; see the README, "
            "'Parameter sweeps') and write an xarray Dataset to --out (netCDF-4; complex "
            "values as NAME_re/NAME_im). Finished chunks are kept in FILE.partial/: an "
            "interrupted sweep resumes when the same command is run again. Plain numbers "
            "are in units of Delta0 (k_B T included)."
        ),
    )
    swp.add_argument("spec", metavar="SPEC", help="sweep specification (TOML file)")
    swp.add_argument("--out", required=True, metavar="FILE", help="netCDF file to write")
    swp.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="local worker processes (default: $ISINGSC_WORKERS, else one per core; "
        "1: in this process)",
    )
    swp.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run on the dask.distributed scheduler at ADDRESS (e.g. tcp://host:8786)",
    )
    swp.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an existing FILE (and discard a partial sweep of another SPEC)",
    )
    swp.add_argument("-q", "--quiet", action="store_true", help="no progress bar or messages")

    plot = sub.add_parser(
        "plot",
        help="draw a sweep result (lines, maps) as PNG",
        description=(
            "Draw a netCDF file written by 'isingsc sweep': 1-D data as lines, 2-D as a "
            "map with a colour bar (curves if one dimension has only a few values), 3-D "
            "as faceted maps; complex values as real and imaginary parts. Select values "
            "of extra dimensions with --sel."
        ),
    )
    plot.add_argument("file", metavar="FILE", help="netCDF file written by 'isingsc sweep'")
    plot.add_argument("--out", default=None, metavar="PNG", help="image file (default FILE.png)")
    plot.add_argument("--var", default=None, metavar="NAME", help="variable to draw (default all)")
    plot.add_argument(
        "--sel",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fix a dimension at the nearest value, in the units of its coordinate (repeatable)",
    )
    plot.add_argument(
        "--dpi", type=_positive_int, default=150, help="resolution of the PNG (default 150)"
    )
    plot.add_argument("--overwrite", action="store_true", help="replace an existing PNG")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``isingsc`` command: info, reproduce, sweep, plot."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Ising superconductors: spectrum, gap edges, optical gaps, self-consistent "
            "order parameter, and the paper's figures. Energies (k_B T included) are in "
            "units of Delta0, the BCS gap at T = 0, h = 0 (Delta0 = 1.764 k_B Tc0)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_info_parser(sub)
    _add_reproduce_parser(sub)
    _add_sweep_parsers(sub)
    return parser


# --------------------------------------------------------------------------- commands
def _ensure_printable() -> None:
    """Keep Greek letters from crashing output on a non-UTF-8 stream."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "Δβ±→".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="replace")


@contextmanager
def _messages(stream: TextIO, *, quiet: bool, prefix: str = "") -> Iterator[None]:
    """Show the package's INFO log messages on ``stream`` (WARNING and above if quiet)."""
    logger = logging.getLogger("isingsc")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(f"{prefix}%(message)s"))
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _info(args: argparse.Namespace) -> int:
    from .paper.state import state_report

    material = get_material(args.material) if args.material else None

    def read(name: str) -> float:
        return parse_quantity(getattr(args, name), material=material, name=f"--{name}")

    values = {name: read(name) for name in ("beta", "h", "T")}
    delta = None if args.Delta is None else read("Delta")
    print(state_report(**values, Delta=delta).text(material))
    return EXIT_OK


def _reproduce(args: argparse.Namespace, argv: Sequence[str]) -> int:
    if args.list:
        for fid, spec in FIGURES.items():
            print(f"{fid}: {spec.caption}")
        return EXIT_OK
    from .paper.reproduce import reproduce

    with _messages(sys.stdout, quiet=args.quiet):
        reproduce(
            args.out,
            quick=args.quick,
            only=args.only,
            overwrite=args.overwrite,
            progress=False if args.quiet else None,
            dpi=args.dpi,
            command=" ".join(shlex.quote(a) for a in [PROG, *argv]),
        )
    return EXIT_OK


def _sweep(args: argparse.Namespace) -> int:
    from .sweeps import read_spec, sweep_from_spec

    try:
        spec = read_spec(args.spec)
    except OSError as exc:
        raise _UsageError(f"SPEC {args.spec}: {exc.strerror or exc}") from None
    with _messages(sys.stderr, quiet=args.quiet, prefix=f"{PROG}: "):
        ds = sweep_from_spec(
            spec,
            out=args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=False if args.quiet else None,
            overwrite=args.overwrite,
        )
    if not args.quiet:
        dims = " x ".join(f"{d} ({n})" for d, n in ds.sizes.items()) or "one point"
        print(f"{args.out}: {ds.attrs['quantity']} ({', '.join(ds.data_vars)}) over {dims}")
    return EXIT_OK


def _parse_selection(items: Sequence[str]) -> dict[str, Any]:
    """``["h=2.5", "method=fft"]`` → ``{"h": 2.5, "method": "fft"}``."""
    selection: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise _UsageError(f"--sel {item!r}: expected NAME=VALUE")
        try:
            selection[name.strip()] = float(value)
        except ValueError:
            selection[name.strip()] = value.strip()
    return selection


def _plot(args: argparse.Namespace) -> int:
    from .plotting.datasets import plot_dataset
    from .sweeps import open_sweep

    path = Path(args.file)
    if not path.is_file():
        raise _UsageError(f"FILE {path}: no such file")
    out = Path(args.out) if args.out else path.with_suffix(".png")
    if out.exists() and not args.overwrite:
        raise _UsageError(f"refusing to overwrite {out} (pass --overwrite to replace it)")
    selection = _parse_selection(args.sel)
    try:
        ds = open_sweep(path)
    except (OSError, ValueError) as exc:
        raise _UsageError(f"FILE {path}: not a readable netCDF file ({exc})") from None
    fig = plot_dataset(ds, args.var, sel=selection)
    meta = {"Software": f"isingsc {__version__}", "Source": str(path)}
    atomic_write(out, functools.partial(fig.savefig, format="png", dpi=args.dpi, metadata=meta))
    print(f"wrote {out}")
    return EXIT_OK


# ------------------------------------------------------------------------------- main
def _error(message: str, code: int) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


#: Positional arguments: a ParameterError naming one of them keeps its name.
_POSITIONALS = frozenset({"command", "spec", "file"})


def _as_option(exc: ParameterError, args: argparse.Namespace) -> ParameterError:
    """The error naming the option (``--T``) where the keyword (``T``) is an option."""
    if exc.name in vars(args) and exc.name not in _POSITIONALS:
        return ParameterError(f"--{exc.name}", exc.value, exc.allowed)
    return exc


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``isingsc`` command; returns the exit status (0, 1 or 2)."""
    _ensure_printable()
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = make_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # --help, --version, or a usage error (status 2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_usage(sys.stderr)
        return _error(
            "a command is required (info, reproduce, sweep or plot); see 'isingsc --help'",
            EXIT_USAGE,
        )
    try:
        if args.command == "info":
            return _info(args)
        if args.command == "sweep":
            return _sweep(args)
        if args.command == "plot":
            return _plot(args)
        return _reproduce(args, args_list)
    except ParameterError as exc:
        return _error(str(_as_option(exc, args)), EXIT_USAGE)
    except (_UsageError, FileExistsError) as exc:
        return _error(str(exc), EXIT_USAGE)
    except KeyboardInterrupt:
        return _error("interrupted", 130)
    except (OSError, RuntimeError) as exc:
        return _error(f"{type(exc).__name__}: {exc}", EXIT_FAILURE)


if __name__ == "__main__":
    raise SystemExit(main())
