"""MkDocs hook: every page of the site is generated from policy.yaml, in the build's language (theme.language).

Pages are virtual files (site_build/render.py renders them from templates/: see site_build/templating.py); nothing
is written into docs/, so a change to policy.yaml changes the site on the next build and `mkdocs serve` rebuilds when
policy.yaml, the generator or a template changes.

Search: Material's search plugin segments Chinese with jieba at build time. This hook makes the glossary's Chinese
terms the segmenter's vocabulary (see `tune_segmenter`), so the words readers type match what the index holds.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any, Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# MkDocs restores sys.path right after it has loaded this hook: everything the hook uses is imported now (render
# imports every page module).
from site_build import render  # noqa: E402
from site_build.policy_data import load_policy  # noqa: E402
from site_build.search_subwords import add_subwords  # noqa: E402

POLICY_FILE = ROOT / "policy.yaml"
log = logging.getLogger("mkdocs.hooks.policy_pages")

_state: dict[str, Any] = {}


def tune_segmenter(words: Iterable[str]) -> dict[str, str]:
    """Fit jieba's dictionary to the glossary; return {word: what was done} for the log and the tests.

    Material's in-browser search matches query words against the *start* of indexed tokens (a trailing
    wildcard), and segments a Chinese query by the tokens the index holds. Two cases break that:
    - a compound jieba keeps whole although it is made of common words (技术改造 = 技术 + 改造): the tail word
      alone (改造) would never match, so the compound is removed from the dictionary and indexed as its parts;
      the whole term still matches, through its first part.
    - a short term (three characters or fewer: 小巨人, 首版次, 月进规) that jieba shreds into single characters: a
      single character is often no token of the index (or a stop word, like 小), so the query could not be
      segmented at all; such an abbreviation is added as one word. Longer terms (区财政局) keep their pieces,
      which are the words readers search for (财政局).
    """
    import jieba  # type: ignore[import-untyped]

    actions: dict[str, str] = {}
    for word in words:
        pieces = list(jieba.cut(word))
        if len(pieces) == 1:
            parts = [p for p in jieba.cut_for_search(word) if p != word and len(p) >= 2]
            if not parts:
                continue
            jieba.del_word(word)
            if all(len(p) >= 2 for p in jieba.cut(word)):
                actions[word] = "split into " + "/".join(jieba.cut(word))
            else:
                jieba.add_word(word)
        elif len(word) <= 3 and any(len(p) == 1 for p in pieces):
            jieba.add_word(word)
            actions[word] = "kept whole"
    return actions


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = config.theme["language"]
    if lang not in render.LANGS:
        raise ValueError(f"{config.config_file_path}: theme.language {lang!r} has no generated pages; "
                         f"expected one of {render.LANGS}")
    policy = load_policy(POLICY_FILE)
    _state.update(policy=policy, lang=lang)
    config.nav = render.site_nav(policy, lang=lang)
    actions = tune_segmenter(render.search_words(policy))
    log.debug("search segmenter: %s", actions)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for path, markdown in render.render_site(_state["policy"], lang=_state["lang"]).items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise ValueError(f"{config.docs_dir}/{path} exists but this page is generated from policy.yaml; "
                             "remove the hand-written file")
        files.append(File.generated(config, path, content=markdown))
    return files


# The search documents, beside search_index.json. Material's script fetches search_index.json on the page's main
# thread, parses it and copies it to its search worker: with every document in it, about 100 ms of main-thread work
# at load (400 ms on a phone, most of Lighthouse's blocking time on an article). So search_index.json keeps only the
# config, which names this file, and the site's search worker fetches the documents itself
# (overrides/assets/javascripts/workers/site-search.js).
SEARCH_DOCS_FILE = "search_docs.json"


def on_post_build(*, config: MkDocsConfig) -> None:
    """Add the Chinese sub-words to the search index Material's search plugin has just written (it runs first), and
    move its documents to SEARCH_DOCS_FILE."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no search index to add sub-words to (is the search plugin enabled?)")
    index = add_subwords(json.loads(path.read_text(encoding="utf-8")))
    path.with_name(SEARCH_DOCS_FILE).write_text(json.dumps({"docs": index["docs"]}, separators=(",", ":")),
                                                encoding="utf-8")
    stub = {**index, "config": {**index["config"], "docs_file": SEARCH_DOCS_FILE}, "docs": []}
    path.write_text(json.dumps(stub, separators=(",", ":")), encoding="utf-8")


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(POLICY_FILE))
    server.watch(str(ROOT / "site_build"))
    server.watch(str(ROOT / "templates"))
    return server
