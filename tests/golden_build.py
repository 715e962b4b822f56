#!/usr/bin/env python3
"""Regenerate tests/golden/ from the five founding seeds only, so new articles never disturb the golden files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
# The seeds the archive started from (shared/seeds); their pages are the reviewed reference output.
FOUNDING_SEEDS = (
    "000_32c2cb7a2aa8e009",
    "001_7858fc97e73bd3a1",
    "002_cbfdf0f164ff90b9",
    "003_3ebfe10b21f1d64b",
    "004_360f259ef70c8ce2",
)


def copy_founding_seeds(target: Path) -> Path:
    """A seeds/ folder with the founding seeds, their metadata and translations, and the vocabulary."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / "tags.yml", target / "tags.yml")
    for stem in FOUNDING_SEEDS:
        for path in (ROOT / "seeds").glob(f"{stem}.*"):
            shutil.copy(path, target / path.name)
    return target


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        seeds = copy_founding_seeds(Path(scratch) / "seeds")
        command = [sys.executable, str(ROOT / "scripts" / "build.py"), "--seeds", str(seeds), "--docs", str(GOLDEN)]
        command += ["--search", str(GOLDEN / "search")]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
