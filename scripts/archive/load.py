"""Find an archive's input files and turn them into articles, collecting every problem on the way."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import rules
from .assemble import Inputs, assemble, check_unique_slugs, slug_location
from .model import Article, Problem
from .parallel import fork_map, workers_for
from .parse import parse_seed
from .read import read_text, read_translation, read_yaml
from .tags import Vocabulary, load_vocabulary

VOCABULARY = "tags.yml"
# seeds/<stem>.txt is a raw seed; <stem>.yml its metadata; <stem>.<lang>.txt a translation into <lang>.
SEED_NAME = re.compile(r"^(?P<stem>[^.]+)\.txt$")
COMPANION_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?:(?P<lang>[a-z]{2})\.txt|yml)$")


@dataclass(frozen=True)
class Archive:
    """Everything the build read: the articles, the vocabulary, and all problems in one list."""

    articles: list[Article]
    vocabulary: Vocabulary
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]


def load_archive(seeds: Path, workers: int | None = None) -> Archive:
    """Read every seed, its metadata and translations, and the vocabulary; never stop at the first problem.

    The seeds are read on `workers` processes (default: as many as the archive is worth, see parallel.py).
    """
    base = seeds.parent

    def rel(path: Path) -> str:
        return path.relative_to(base).as_posix()

    if not seeds.is_dir():  # --seeds with a typo
        return Archive(
            [], Vocabulary({}, rel(seeds / VOCABULARY)), [Problem(rel(seeds), 1, "seeds must be a folder, none here")]
        )
    vocabulary, problems = load_vocabulary(seeds / VOCABULARY, rel(seeds / VOCABULARY))
    # The folder listed once: which companions a seed has is then a set lookup, not three stat calls per seed.
    names = frozenset(entry.name for entry in os.scandir(seeds))
    stems = sorted(match["stem"] for name in names if (match := SEED_NAME.match(name)))
    problems += _orphans(seeds, names, set(stems), rel)
    articles, locations = [], {}
    # Paths relative to the repository root, as strings: pathlib's objects cost more than the reading, per seed.
    folder = rel(seeds)
    loaded = fork_map(
        partial(_load_one, seeds, folder=folder, names=names, vocabulary=vocabulary),
        stems,
        workers or workers_for(len(stems)),
    )
    for stem, (article, found, location) in zip(stems, loaded, strict=True):
        problems += found
        if article is not None:
            articles.append(article)
            locations[stem] = location
    problems += check_unique_slugs(articles, locations)
    return Archive(articles, vocabulary, sorted(set(problems)))


def _load_one(
    seeds: Path, stem: str, folder: str, names: frozenset[str], vocabulary: Vocabulary
) -> tuple[Article | None, list[Problem], tuple[str, int]]:
    """One seed with its metadata and translations (those of `names`, the seeds folder's entries), as an article
    (None when unreadable), its problems, and where its slug comes from; `folder`: the seeds folder's path as
    problems name it."""
    seed_name = f"{stem}.txt"
    seed_rel = f"{folder}/{seed_name}"
    decoded = read_text(seeds / seed_name, seed_rel)
    problems = list(decoded.problems)
    meta_name = f"{stem}.yml"
    meta_rel = f"{folder}/{meta_name}"
    meta = None
    if meta_name in names:
        meta, found = read_yaml(seeds / meta_name, meta_rel)
        problems += found
    translations = {}
    for lang in rules.PAGE_LANGUAGES:
        name = f"{stem}.{lang}.txt"
        if name in names:
            translation, found = read_translation(seeds / name, f"{folder}/{name}")
            problems += found
            if translation is not None:
                translations[lang] = translation
    if decoded.problems:
        return None, problems, (seed_rel, 1)
    seed = parse_seed(seed_rel, decoded.lines)
    for lang, translation in translations.items():
        if lang in {piece.lang for piece in seed.pieces}:
            problems.append(
                Problem(
                    translation.rel,
                    1,
                    f"translation must be into a language the seed is not in, the seed is already in {lang!r}",
                )
            )
    inputs = Inputs(stem, seed, meta, meta_rel, translations, source_hash(decoded.lines))
    article, found = assemble(inputs, vocabulary)
    return article, problems + found, slug_location(inputs)


def source_hash(lines) -> str:
    """Which version of a seed a translation was made from: sha256 of its non-blank lines, stripped."""
    digest = hashlib.sha256("\n".join(line.text for line in lines).encode("utf-8")).hexdigest()
    return f"sha256:{digest[:16]}"


def _orphans(seeds: Path, names: frozenset[str], stems: set[str], rel) -> list[Problem]:
    """A metadata or translation file whose seed is missing would be silently ignored: say so (`names`: the
    seeds folder's entries)."""
    problems = []
    for name in sorted(names):
        if name == VOCABULARY or SEED_NAME.match(name) or name.startswith("."):
            continue
        path = seeds / name
        match = COMPANION_NAME.match(name)
        if match is None:
            problems.append(
                Problem(rel(path), 1, f"file name must be <seed>.txt, <seed>.yml or <seed>.<en|zh>.txt, got {name!r}")
            )
        elif match["stem"] not in stems:
            problems.append(Problem(rel(path), 1, f"file must sit beside its seed, {match['stem']}.txt does not exist"))
        elif match["lang"] and match["lang"] not in rules.PAGE_LANGUAGES:
            problems.append(
                Problem(
                    rel(path),
                    1,
                    f"translation language must be one of {', '.join(rules.PAGE_LANGUAGES)}, got {match['lang']!r}",
                )
            )
    return problems
