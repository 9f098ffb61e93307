"""Load and validate the text part of policy.yaml (document, glossary, parts, articles, supplementary).

The rules part (`inputs`, `rules`, `cross_cutting`) is validated by scripts/build_calculator_data.py.
Every error names where it is, e.g. ``articles[3] (id 4).clauses[2].en: empty translation``.
"""
from __future__ import annotations

import re
from pathlib import Path
from collections.abc import Iterator
from typing import Any, NoReturn

import yaml

__all__ = ["PolicyError", "load_policy", "validate_policy", "iter_text_clauses", "glossary_forms", "uses_term",
           "bilingual_problem",
           "PLACEHOLDERS"]

TOP_LEVEL_KEYS = {
    "schema_version", "document", "glossary", "parts", "articles", "supplementary",
    "inputs", "rules", "cross_cutting", "self_check", "search_tags", "finder", "provenance",
}
ARTICLE_COUNT = 32
PROVISION_COUNT = 6
PART_COUNT = 8
# Values that mean "not translated yet": never allowed in a shipped file.
PLACEHOLDERS = {"todo", "tbd", "xxx", "...", "…", "fixme"}


class PolicyError(ValueError):
    """policy.yaml is malformed; the message says where."""


def _fail(where: str, message: str) -> NoReturn:
    raise PolicyError(f"{where}: {message}")


def _mapping(value: Any, where: str, *, required: set[Any], optional: frozenset[Any] | set[Any] = frozenset()
             ) -> dict[str, Any]:
    if not isinstance(value, dict):
        _fail(where, f"expected a mapping, got {type(value).__name__}")
    unknown = set(value) - required - set(optional)
    if unknown:
        _fail(where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(required | set(optional))}")
    missing = required - set(value)
    if missing:
        _fail(where, f"missing key(s) {sorted(missing)}")
    mapping: dict[str, Any] = value
    return mapping


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(where, "empty translation" if where.endswith(".en") else "empty text")
    if value.strip().lower() in PLACEHOLDERS:
        _fail(where, f"placeholder {value!r} instead of text")
    text: str = value
    return text


def _bilingual(value: Any, where: str) -> dict[str, Any]:
    pair = _mapping(value, where, required={"zh", "en"})
    _text(pair["zh"], f"{where}.zh")
    _text(pair["en"], f"{where}.en")
    return pair


def bilingual_problem(value: Any, where: str) -> tuple[str, str] | None:
    """(where, what is wrong) when `value` is not {zh: text, en: text} with both texts non-empty, else None. For the
    validators of other parts of policy.yaml, which raise their own errors."""
    if not isinstance(value, dict) or set(value) != {"zh", "en"}:
        return where, "expected {zh, en}"
    for lang in ("zh", "en"):
        if not isinstance(value[lang], str) or not value[lang].strip():
            return f"{where}.{lang}", "empty text"
    return None


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        _fail(where, "expected a non-empty list")
    items: list[Any] = value
    return items


def _clauses(value: Any, where: str, *, prefix: str, seen: set[str]) -> None:
    for index, clause in enumerate(_list(value, where)):
        at = f"{where}[{index}]"
        # note: a translator's note (why the English reads the Chinese as it does), shown with the clause.
        _mapping(clause, at, required={"id", "zh", "en"}, optional={"note"})
        expected = f"{prefix}-{index + 1}"
        if clause["id"] in seen:
            _fail(f"{at}.id", f"duplicate clause id {clause['id']!r}")
        if clause["id"] != expected:
            _fail(f"{at}.id", f"clause out of order: expected {expected!r}, found {clause['id']!r}")
        seen.add(clause["id"])
        _text(clause["zh"], f"{at}.zh")
        _text(clause["en"], f"{at}.en")
        if "note" in clause:
            _bilingual(clause["note"], f"{at}.note")


def _numbered(value: Any, where: str, *, count: int) -> list[Any]:
    items = _list(value, where)
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        _fail(where, f"duplicate id {duplicate!r}")
    if ids != list(range(1, count + 1)):
        _fail(where, f"expected ids 1..{count} in order, found {ids}")
    return items


def validate_policy(data: Any, *, source: str = "policy.yaml") -> dict[str, Any]:
    """Check the structure and text of a loaded policy; return it unchanged or raise PolicyError."""
    root = _mapping(data, source, required={"schema_version", "document", "glossary", "parts", "articles", "supplementary"},
                    optional=TOP_LEVEL_KEYS)
    if root["schema_version"] != 1:
        _fail(f"{source}.schema_version", f"unsupported version {root['schema_version']!r}")
    seen: set[str] = set()

    doc = _mapping(root["document"], "document", required={
        "title", "issuers", "parent_plan", "in_force_from", "applies_to_events_from", "notice", "preamble"})
    _bilingual(doc["title"], "document.title")
    for i, issuer in enumerate(_list(doc["issuers"], "document.issuers")):
        _bilingual(issuer, f"document.issuers[{i}]")
    _bilingual(doc["parent_plan"], "document.parent_plan")
    for key in ("in_force_from", "applies_to_events_from"):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(doc[key])):
            _fail(f"document.{key}", f"expected a date YYYY-MM-DD, found {doc[key]!r}")
    notice = _mapping(doc["notice"], "document.notice", required={"title", "addressees", "clauses"})
    _bilingual(notice["title"], "document.notice.title")
    _bilingual(notice["addressees"], "document.notice.addressees")
    _clauses(notice["clauses"], "document.notice.clauses", prefix="n", seen=seen)
    preamble = _mapping(doc["preamble"], "document.preamble", required={"clauses"})
    _clauses(preamble["clauses"], "document.preamble.clauses", prefix="p", seen=seen)

    terms: set[str] = set()
    for i, entry in enumerate(_list(root["glossary"], "glossary")):
        at = f"glossary[{i}]"
        _mapping(entry, at, required={"zh", "en", "note"}, optional={"match", "en_form", "other_en"})
        _text(entry["zh"], f"{at}.zh")
        _text(entry["en"], f"{at}.en")
        _bilingual(entry["note"], f"{at}.note")
        if entry["zh"] in terms:
            _fail(f"{at}.zh", f"duplicate glossary term {entry['zh']!r}")
        terms.add(entry["zh"])
        for j, form in enumerate(entry.get("match", [])):
            _text(form, f"{at}.match[{j}]")
        # en_form: what an English text holding the term must contain: one string, or a list of accepted forms.
        en_form = entry.get("en_form", entry["en"])
        for j, form in enumerate(en_form if isinstance(en_form, list) else [en_form]):
            _text(form, f"{at}.en_form[{j}]")
        # other_en: other English renderings of the term in use elsewhere. Never used in this site's English
        # (tests/unit/test_policy_text.py), but kept as search tags so that readers who type them find the page.
        for j, form in enumerate(entry.get("other_en", [])):
            _text(form, f"{at}.other_en[{j}]")

    for i, part in enumerate(_numbered(root["parts"], "parts", count=PART_COUNT)):
        _mapping(part, f"parts[{i}]", required={"id", "numeral", "title"})
        _bilingual(part["title"], f"parts[{i}].title")

    previous_part = 1
    for i, article in enumerate(_numbered(root["articles"], "articles", count=ARTICLE_COUNT)):
        at = f"articles[{i}] (id {article['id']})"
        _mapping(article, at, required={"id", "numeral", "part", "title", "departments", "clauses"})
        if article["part"] not in range(previous_part, PART_COUNT + 1):
            _fail(f"{at}.part", f"part {article['part']!r} out of order (previous article is in part {previous_part})")
        previous_part = article["part"]
        _bilingual(article["title"], f"{at}.title")
        for j, department in enumerate(_list(article["departments"], f"{at}.departments")):
            _bilingual(department, f"{at}.departments[{j}]")
        _clauses(article["clauses"], f"{at}.clauses", prefix=f"a{article['id']}", seen=seen)

    supplementary = _mapping(root["supplementary"], "supplementary", required={"title", "numeral", "provisions"})
    _bilingual(supplementary["title"], "supplementary.title")
    for i, provision in enumerate(_numbered(supplementary["provisions"], "supplementary.provisions", count=PROVISION_COUNT)):
        at = f"supplementary.provisions[{i}]"
        _mapping(provision, at, required={"id", "numeral", "site_title", "clauses"})
        _bilingual(provision["site_title"], f"{at}.site_title")
        _clauses(provision["clauses"], f"{at}.clauses", prefix=f"s{provision['id']}", seen=seen)
    _search_tags(root)
    if "finder" in root:
        _finder(root["finder"], article_ids={article["id"] for article in root["articles"]})
    if "provenance" in root:
        _provenance(root["provenance"], clause_ids=seen)
    return root


def _provenance(provenance: Any, *, clause_ids: set[str]) -> None:
    """Source, verification, errata (each may name its clause) and the changelog (dated, newest first)."""
    _mapping(provenance, "provenance", required={"source", "verification", "errata", "changelog"})
    _bilingual(provenance["source"], "provenance.source")
    for i, item in enumerate(_list(provenance["verification"], "provenance.verification")):
        _bilingual(item, f"provenance.verification[{i}]")
    for i, erratum in enumerate(_list(provenance["errata"], "provenance.errata")):
        at = f"provenance.errata[{i}]"
        _mapping(erratum, at, required={"zh", "en"}, optional={"clause"})
        _bilingual({"zh": erratum["zh"], "en": erratum["en"]}, at)
        if "clause" in erratum and erratum["clause"] not in clause_ids:
            _fail(f"{at}.clause", f"no clause {erratum['clause']!r} in the text")
    previous = "9999-99-99"
    for i, entry in enumerate(_list(provenance["changelog"], "provenance.changelog")):
        at = f"provenance.changelog[{i}]"
        _mapping(entry, at, required={"date", "zh", "en"})
        _bilingual({"zh": entry["zh"], "en": entry["en"]}, at)
        date = str(entry["date"])
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            _fail(f"{at}.date", f"expected a date YYYY-MM-DD, found {entry['date']!r}")
        if date > previous:
            _fail(f"{at}.date", f"{date} is later than the entry before it ({previous}): newest first")
        previous = date


def _finder(finder: Any, *, article_ids: set[int]) -> None:
    """The estimator's field finder: part topics (one bilingual line each) and per-article keyword lists."""
    _mapping(finder, "finder", required={"parts", "keywords"})
    parts = _mapping(finder["parts"], "finder.parts", required=set(range(1, PART_COUNT + 1)))
    for part_id, topics in parts.items():
        _bilingual(topics, f"finder.parts.{part_id}")
    keywords = _mapping(finder["keywords"], "finder.keywords", required=set(), optional=article_ids)
    for article_id, words in keywords.items():
        at = f"finder.keywords.{article_id}"
        _mapping(words, at, required={"zh", "en"})
        for lang in ("zh", "en"):
            for j, word in enumerate(_list(words[lang], f"{at}.{lang}")):
                _text(word, f"{at}.{lang}[{j}]")


def _search_tags(root: dict[str, Any]) -> None:
    """Each entry names a phrase of the Chinese text (`where`) and the words that find the pages holding it."""
    chinese = "".join(clause["zh"] for clause, _ in iter_text_clauses(root))
    chinese += "".join(article["title"]["zh"] for article in root["articles"])
    if "search_tags" not in root:
        return
    for i, entry in enumerate(_list(root["search_tags"], "search_tags")):
        at = f"search_tags[{i}]"
        _mapping(entry, at, required={"where", "words"})
        where = _text(entry["where"], f"{at}.where")
        if where not in chinese:
            _fail(f"{at}.where", f"{where!r} occurs nowhere in the Chinese text, so its words would find no page")
        for j, word in enumerate(_list(entry["words"], f"{at}.words")):
            _text(word, f"{at}.words[{j}]")


def load_policy(path: str | Path) -> dict[str, Any]:
    """Read policy.yaml (UTF-8, safe_load) and validate its text part."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PolicyError(f"{path.name}: not valid YAML: {error}") from error
    return validate_policy(data, source=path.name)


def iter_text_clauses(policy: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """Yield (clause, where) for every clause of the notice, preamble, articles and 附则, in document order."""
    doc = policy["document"]
    for clause in doc["notice"]["clauses"]:
        yield clause, "notice"
    for clause in doc["preamble"]["clauses"]:
        yield clause, "preamble"
    for article in policy["articles"]:
        for clause in article["clauses"]:
            yield clause, f"article {article['id']}"
    for provision in policy["supplementary"]["provisions"]:
        for clause in provision["clauses"]:
            yield clause, f"附则 provision {provision['id']}"


def glossary_forms(entry: dict[str, Any]) -> list[str]:
    """The Chinese forms of a glossary term as the text writes them (the term itself and its `match` variants)."""
    return list(dict.fromkeys([entry["zh"], *entry.get("match", [])]))


def uses_term(glossary: list[dict[str, Any]], index: int, chinese_text: str) -> bool:
    """Whether a Chinese text uses the term glossary[index]: one of its forms occurs outside every longer form of
    another term that holds it. 小巨人 inside 省科技小巨人 is that term (Zhejiang's science and technology list), not
    专精特新“小巨人” (MIIT's SRDI title)."""
    for form in glossary_forms(glossary[index]):
        if form not in chinese_text:
            continue
        masked = chinese_text
        for other_index, other in enumerate(glossary):
            if other_index != index:
                for longer in glossary_forms(other):
                    if form in longer and form != longer:
                        masked = masked.replace(longer, "\0")
        if form in masked:
            return True
    return False
