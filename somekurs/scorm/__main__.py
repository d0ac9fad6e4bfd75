"""``python -m somekurs.scorm [--book _build/html] [--out _build/scorm] [--maalform nb|nn] [scope ...]``:
build the packages (both written standards unless ``--maalform`` names one)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from somekurs import PROJECT_ROOT, editions
from somekurs.scorm.build import LANGS, BookMissing, build_all


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m somekurs.scorm", description="Bygg SCORM-pakkene til kurset.")
    parser.add_argument("--book", type=Path, default=PROJECT_ROOT / "_build" / "html", help="den bygde nettboka")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "_build" / "scorm", help="mappen pakkene skrives til")
    parser.add_argument(
        "--maalform",
        choices=editions.EDITIONS,
        action="append",
        help="bare denne målformen (nb: fra boka, nn: fra --book/nn og data/nn); uten: begge",
    )
    parser.add_argument("scopes", nargs="*", help="temaer (for eksempel arkiv) eller hele-kurset; ingen: alle")
    args = parser.parse_args(argv)
    langs = tuple(lang for lang in LANGS if lang in (args.maalform or LANGS))
    try:
        written = build_all(args.book, args.out, args.scopes or None, langs)
    except BookMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyError as exc:
        print(f"Fant ikke temaet {exc}. Skriv et av temaene, eller hele-kurset.", file=sys.stderr)
        return 2
    for path in written:
        print(f"skrev {path} ({path.stat().st_size / 1024:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
