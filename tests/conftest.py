"""Shared fixtures: a scratch archive with a small vocabulary, and the build run on it."""

from __future__ import annotations

import importlib.util
import shutil
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from archive.load import Archive, load_archive

ROOT = Path(__file__).resolve().parents[1]

SMALL_VOCABULARY = """\
- id: japan
  kind: country
  en: Japan
  zh: 日本
- id: jinan
  kind: city
  en: Jinan
  zh: 济南
  aliases:
    zh-Hans: [济南市]
    zh-Hant: [濟南]
- id: delegation-visit
  kind: event
  en: Delegation visit
  zh: 代表团访问
  aliases:
    en: [delegation]
    zh-Hans: [代表团, 访问团]
- id: wuxi-daily
  kind: media
  en: Wuxi Daily
  zh: 无锡日报
"""


class Scratch:
    """A throwaway archive: write seeds and companions into seeds/, then run the build's loader."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.seeds = root / "seeds"
        self.seeds.mkdir()
        self.write("tags.yml", SMALL_VOCABULARY)

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.seeds / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def load(self) -> Archive:
        return load_archive(self.seeds)

    def problems(self) -> list[str]:
        """Every problem as the build prints it: 'seeds/x.txt:3: message'."""
        return [str(problem) for problem in self.load().problems]


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    return Scratch(tmp_path)


@pytest.fixture
def real_seeds(tmp_path: Path) -> Path:
    """A copy of the project's seeds/, for tests that change a file without touching the real one."""
    target = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", target)
    return target


def load_build() -> ModuleType:
    """scripts/build.py as a module, so its main() runs in-process."""
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build() -> ModuleType:
    return load_build()


def run(build: ModuleType, scratch: Scratch, *options: str) -> int:
    """The build on a scratch archive, writing its docs/ beside its seeds/."""
    return build.main(["--seeds", str(scratch.seeds), "--docs", str(scratch.root / "docs"), *options])


def snapshot(docs: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under docs/ with its inode, modification time and content."""
    return {
        path.relative_to(docs).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(docs.rglob("*"))
        if path.is_file()
    }
