"""Build a large corpus of real text from Debian's documentation packages.

usage: python bench/debian_docs.py [--out DIR] [--package NAME ...]

Install the packages first (about 650 MB of HTML in all):

    apt-get install python3-doc postgresql-doc-15 python-django-doc rust-doc

Every .html file of each package's html/ folder is copied to DIR/<package>/<its path>, so that the
corpus holds plain files (the assistant does not follow symbolic links out of a corpus). Counts of
files and megabytes are printed per package. With the default chunk size of 120 words, rust-doc
alone makes about 110,000 chunks, and the four packages together about 160,000.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["python3-doc", "postgresql-doc-15", "python-django-doc", "rust-doc"]


def copy_package(package: str, out: Path) -> tuple[int, int]:
    """Copy a package's HTML manual below out/package; returns (files, bytes)."""
    source = Path("/usr/share/doc") / package / "html"
    if not source.is_dir():
        sys.exit(f"{source} is missing: apt-get install {package}")
    source = source.resolve()  # python3-doc's html/ is a link to python3.x-doc's
    files = size = 0
    for path in sorted(source.rglob("*.html")):
        if not path.is_file():
            continue
        target = out / package / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(path, target)
        files += 1
        size += target.stat().st_size
    return files, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".bench" / "debian-docs")
    parser.add_argument("--package", action="append", choices=PACKAGES, help="default: all four")
    args = parser.parse_args()
    total_files = total_bytes = 0
    for package in args.package or PACKAGES:
        files, size = copy_package(package, args.out)
        total_files, total_bytes = total_files + files, total_bytes + size
        print(f"{package:20} {files:6} files {size / 1e6:8.1f} MB")
    print(f"{'in all':20} {total_files:6} files {total_bytes / 1e6:8.1f} MB  -> {args.out}")


if __name__ == "__main__":
    main()
