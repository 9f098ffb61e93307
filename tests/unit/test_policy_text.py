"""policy.yaml, text part: complete, verbatim against the official source, glossary-consistent, strictly validated."""
from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

from site_build.policy_data import PolicyError, iter_text_clauses, load_policy, validate_policy

SOURCE_LINES = (ROOT / "tests" / "data" / "policy-zh.txt").read_text(encoding="utf-8").splitlines()
NUMERALS = "一二三四五六七八九十"


def normalise(text: str) -> str:
    # Extraction left stray spaces and a mix of ASCII and full-width colons; neither is part of the wording.
    return re.sub(r"\s+", "", text).replace(":", "：")


def numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[units - 1] if units else "")


def source_line(prefix: str, *, after: str | None = None) -> str:
    """The first clean source line starting with prefix (after the line starting with `after`, if given)."""
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(SOURCE_LINES) if normalise(line).startswith(normalise(after)))
    for line in SOURCE_LINES[start:]:
        if normalise(line).startswith(normalise(prefix)):
            return normalise(line)
    raise AssertionError(f"no source line starts with {prefix!r}")


def test_32_articles_and_6_provisions_in_order(policy):
    assert [a["id"] for a in policy["articles"]] == list(range(1, 33))
    assert [a["numeral"] for a in policy["articles"]] == [numeral(n) for n in range(1, 33)]
    assert [p["id"] for p in policy["supplementary"]["provisions"]] == list(range(1, 7))
    assert [p["id"] for p in policy["parts"]] == list(range(1, 9))
    # Articles per part as in the official text: 6, 5, 2, 3, 6, 4, 3, 3.
    per_part = [sum(1 for a in policy["articles"] if a["part"] == p) for p in range(1, 9)]
    assert per_part == [6, 5, 2, 3, 6, 4, 3, 3]


def test_every_clause_has_both_languages(policy):
    clauses = list(iter_text_clauses(policy))
    assert len(clauses) > 80
    for clause, where in clauses:
        assert clause["zh"].strip() and clause["en"].strip(), (where, clause["id"])
        # An English value that still contains Chinese characters was not translated.
        assert not re.search(r"[\u4e00-\u9fff]", clause["en"]), (where, clause["id"], clause["en"])


@pytest.mark.parametrize("article_id", range(1, 33))
def test_article_chinese_is_verbatim(policy, article_id):
    article = policy["articles"][article_id - 1]
    departments = "、".join(d["zh"] for d in article["departments"])
    rebuilt = (f"（{article['numeral']}）{article['title']['zh']}。"
               + "".join(c["zh"] for c in article["clauses"]) + f"（责任部门：{departments}）")
    assert normalise(rebuilt) == source_line(f"（{article['numeral']}）{article['title']['zh']}")


@pytest.mark.parametrize("provision_id", range(1, 7))
def test_supplementary_chinese_is_verbatim(policy, provision_id):
    provision = policy["supplementary"]["provisions"][provision_id - 1]
    rebuilt = f"（{provision['numeral']}）" + "".join(c["zh"] for c in provision["clauses"])
    assert normalise(rebuilt) == source_line(f"（{provision['numeral']}）", after="九、附则")


def test_front_matter_chinese_is_verbatim(policy):
    doc = policy["document"]
    assert normalise(doc["notice"]["title"]["zh"]) == normalise(SOURCE_LINES[2])
    assert normalise(doc["notice"]["addressees"]["zh"] + "：") == normalise(SOURCE_LINES[4])
    assert normalise("".join(c["zh"] for c in doc["notice"]["clauses"])) == normalise(SOURCE_LINES[5])
    assert normalise("".join(c["zh"] for c in doc["preamble"]["clauses"])) == normalise(SOURCE_LINES[12])
    assert normalise(doc["title"]["zh"]) == normalise(SOURCE_LINES[10] + SOURCE_LINES[11])
    assert [normalise(i["zh"]) for i in doc["issuers"]] == [normalise(SOURCE_LINES[0]), normalise(SOURCE_LINES[1])]
    assert "北区委办〔2024〕7号" in doc["parent_plan"]["zh"]
    assert (doc["in_force_from"], doc["applies_to_events_from"]) == ("2024-05-01", "2024-01-01")
    for part in policy["parts"]:
        assert normalise(f"{part['numeral']}、{part['title']['zh']}") in map(normalise, SOURCE_LINES)


def _english(policy: dict, clause_id: str) -> str:
    return next(c["en"] for c, _ in iter_text_clauses(policy) if c["id"] == clause_id)


def test_known_meaning_errors_stay_fixed(policy):
    # 13-2 has no 分别: the English must not pair the two rates with the two project types; a note says who does.
    assert "15% or 30%" in _english(policy, "a13-2") and "respectively" not in _english(policy, "a13-2")
    # 专利奖…的第一权利人: the right holder of the awarded patent or IP right, not "of a work".
    assert "of a patent or other intellectual property right" in _english(policy, "a26-3")
    assert "of a work" not in _english(policy, "a26-3")
    # 绿色 governs the whole list: green supply chain management enterprise (MIIT's green manufacturing system).
    assert "green supply chain management enterprise" in _english(policy, "a14-1")
    # 挂牌 is quotation (NEEQ or a regional equity market), not listing.
    assert "quotation" in _english(policy, "a19-2")


def test_readings_that_are_not_the_text_carry_a_translators_note(policy):
    notes = {c["id"]: c["note"] for c, _ in iter_text_clauses(policy) if c.get("note")}
    assert "pairing" in notes["a13-2"]["en"] and "分别" in notes["a13-2"]["zh"]
    assert "短期融资券" in notes["a19-4"]["en"] and "短期融资券" in notes["a19-4"]["zh"]
    assert "short-term financing bills" in _english(policy, "a19-4")


def glossary_forms(entry: dict) -> list[str]:
    return entry.get("match", [entry["zh"]])


STRINGS_JS = ROOT / "docs" / "assets" / "frontend" / "calculator" / "strings.js"
_JS_VALUE = r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]'
# English written by code rather than read from a table: the calculator's other scripts, the page templates and the
# citations. They are scanned whole (code and comments) for the other English forms of the glossary's terms.
CODE_WITH_ENGLISH = sorted({*(ROOT / "docs" / "assets" / "frontend").rglob("*.js"), *(ROOT / "templates").glob("*.j2"),
                            ROOT / "site_build" / "citations.py"} - {STRINGS_JS})


def ui_string_pairs() -> list[tuple[str, str, str]]:
    """(zh, en, where) for every { zh: ..., en: ... } entry of the calculator's strings.js (arrays joined)."""
    source = STRINGS_JS.read_text(encoding="utf-8")
    pairs = []
    for key, zh, en in re.findall(rf"(\w+):\s*\{{\s*zh:\s*({_JS_VALUE}),\s*en:\s*({_JS_VALUE}),?\s*\}}", source):
        values = [json.loads(value) for value in (zh, en)]
        pairs.append(tuple(" | ".join(v) if isinstance(v, list) else v for v in values) + (f"strings.js {key}",))
    return pairs


def page_string_pairs() -> list[tuple[str, str, str]]:
    """(zh, en, where) for the pages' interface strings and prose (templates/ui.yaml, the methodology page's too)."""
    ui_table = yaml.safe_load((ROOT / "templates" / "ui.yaml").read_text(encoding="utf-8"))
    pairs = [(text["zh"], text["en"], f"ui.yaml {key}") for key, text in ui_table.items()
             if isinstance(text, dict) and isinstance(text.get("zh"), str) and isinstance(text.get("en"), str)]
    return [pair for pair in pairs if pair[2] not in UI_FORMATS_NOT_PROSE]


# Formats of ui.yaml that are no prose for the glossary check: S4-1 is the site's short label of 附则 clause 4-1 (the
# page says "Provision 4" elsewhere); the award table's "1:1 match of the higher-level grant" stands beside the award's
# title, which says "matching". (They were Python code until the pages moved into templates.)
UI_FORMATS_NOT_PROSE = {"ui.yaml clause_label_s", "ui.yaml matching_ratio"}


def bilingual_pairs(policy: dict) -> list[tuple[str, str, str]]:
    """(zh, en, where) for every bilingual text of policy.yaml outside the glossary: clauses and their notes,
    titles, inputs (labels, help, choices), rules (titles, who, interpretations, tiers), cross-cutting reasons,
    the self-check, the finder's summaries, and the provenance (source, verification, errata)."""
    pairs: list[tuple[str, str, str]] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("zh"), str) and isinstance(node.get("en"), str):
                pairs.append((node["zh"], node["en"], where))
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                name = value.get("id", index) if isinstance(value, dict) else index
                walk(value, f"{where}[{name}]")

    # The glossary defines the terms (its own test below); the changelog reports changes of wording, so it quotes
    # old forms.
    for key, value in policy.items():
        if key == "provenance":
            walk({k: v for k, v in value.items() if k != "changelog"}, key)
        elif key != "glossary":
            walk(value, key)
    return pairs


def _words(text: str) -> str:
    # "special-industry" is "special industry": a hyphen does not make a second form a different one.
    return " " + re.sub(r"[-\s]+", " ", text.lower()) + " "


def _longer_forms(glossary: list[dict]) -> dict[tuple[int, str], list[str]]:
    """For each term's form, the longer forms of other terms that hold it (小巨人 in 省科技小巨人)."""
    return {(index, form): [longer for other_index, other in enumerate(glossary) if other_index != index
                            for longer in glossary_forms(other) if form in longer and form != longer]
            for index, entry in enumerate(glossary) for form in glossary_forms(entry)}


def uses_term(zh: str, index: int, glossary: list[dict], longer: dict[tuple[int, str], list[str]]) -> bool:
    """Whether a Chinese text uses glossary[index]: a form of it occurs outside every longer term that holds it
    (省科技小巨人 is not 专精特新“小巨人”)."""
    for form in glossary_forms(glossary[index]):
        if form in zh:
            masked = zh
            for other in longer[(index, form)]:
                masked = masked.replace(other, "\0")
            if form in masked:
                return True
    return False


def _other_form(other: str) -> re.Pattern[str]:
    # A whole word or phrase (plural allowed): "class a" is not "class award", "first unit" finds "first units".
    return re.compile(rf"(?<![a-z]){re.escape(_words(other).strip())}(?:e?s)?(?![a-z])")


def other_form_misses(en: str, where: str, glossary: list[dict], *, skip: str | None = None) -> list[str]:
    """Where an English text uses another English form (other_en) of a glossary term. The pinned English is set
    aside first, so a second form that is part of it ("innovation voucher" in "science and technology innovation
    voucher") counts only where the pinned English is not."""
    misses = []
    for entry in glossary:
        if entry["zh"] == skip or not entry.get("other_en"):
            continue
        text = _words(en).replace(_words(entry["en"]).strip(), " ")
        for other in entry["other_en"]:
            if _other_form(other).search(text):
                misses.append(f"{where}: {other!r} is not this site's English for {entry['zh']}: use {entry['en']!r}")
    return misses


def glossary_misses(pairs: list[tuple[str, str, str]], glossary: list[dict]) -> list[str]:
    """Where a text has a glossary term but not its pinned English, or uses another English form of a term."""
    misses = []
    departments = {entry["zh"] for entry in glossary if entry["zh"].startswith("区")}  # full names vary; own test
    longer = _longer_forms(glossary)
    for zh, en, where in pairs:
        for index, entry in enumerate(glossary):
            if entry["zh"] not in departments and uses_term(zh, index, glossary, longer):
                # en_form: the part of the pinned English a text must hold (or a list: the term or its abbreviation).
                expected = entry.get("en_form", entry["en"])
                accepted = expected if isinstance(expected, list) else [expected]
                if not any(_words(form).strip() in _words(en) for form in accepted):
                    misses.append(f"{where}: has {entry['zh']} but English lacks {expected!r}")
        misses += other_form_misses(en, where, glossary)
    return misses


def test_glossary_terms_are_translated_consistently(policy):
    misses = glossary_misses(bilingual_pairs(policy), policy["glossary"])
    assert not misses, "\n".join(misses)


def test_calculator_ui_strings_use_the_glossary_english():
    pairs = ui_string_pairs()
    assert {"widgetIntro", "notGivenDefault", "csvHeader", "take_higher"} <= {w.split()[-1] for *_, w in pairs}
    # The pages' interface strings (templates/ui.yaml) and the methodology page's prose too.
    pairs += page_string_pairs()
    assert {"ui.yaml methodology_how", "ui.yaml home"} <= {where for *_, where in pairs}
    misses = glossary_misses(pairs, load_policy(ROOT / "policy.yaml")["glossary"])
    assert not misses, "\n".join(misses)


def test_the_glossary_itself_uses_one_english_form_per_term(policy):
    """A glossary entry's English and its note use the other terms' pinned English (a note may name its own term's
    other forms: "also rendered ...")."""
    misses = []
    for entry in policy["glossary"]:
        for text, where in ((entry["en"], "en"), (entry["note"]["en"], "note")):
            misses += other_form_misses(text, f"glossary {entry['zh']} {where}", policy["glossary"], skip=entry["zh"])
    assert not misses, "\n".join(misses)


def test_english_written_by_code_uses_one_form_per_term(policy):
    assert {path.name for path in CODE_WITH_ENGLISH} >= {"next-steps.js", "typed-money.js", "self_check.md.j2", "citations.py"}
    misses = []
    for path in CODE_WITH_ENGLISH:
        misses += other_form_misses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), policy["glossary"])
    assert not misses, "\n".join(misses)


def test_glossary_check_catches_a_second_english_form_and_a_missing_pinned_form(policy):
    pinned = next(entry for entry in policy["glossary"] if entry["zh"] == "技术改造")
    assert glossary_misses([("技术改造项目", "Technological upgrading project", "ok")], [pinned]) == []
    second_form = glossary_misses([("技术改造项目", "Technological upgrading (technical renovation) project", "x")], [pinned])
    assert second_form == ["x: 'technical renovation' is not this site's English for 技术改造: use 'technological upgrading'"]
    hyphenated = next(entry for entry in policy["glossary"] if entry["zh"] == "特色产业")
    assert glossary_misses([("重点产业", "key- or special-industry orientation", "y")], [hyphenated]) == [
        "y: 'special industry' is not this site's English for 特色产业: use 'distinctive industries'"]
    assert glossary_misses([("技术改造项目", "Renovation project", "z")], [pinned]) == [
        "z: has 技术改造 but English lacks 'technological upgrading'"]
    # The inputs' labels and help and the rules are checked, not only the clauses.
    wheres = {where for *_, where in bilingual_pairs(policy)}
    assert {"inputs[a3_investment].label", "inputs[a3_investment].help", "rules[a3.renovation].title"} <= wheres
    assert {"self_check.questions[titles].examples", "finder.parts.5", "provenance.source"} <= wheres


# Issue 23: each of these Chinese terms had two or more English forms. The one this site uses, and the forms it
# used before (each must be one of the entry's other_en, so that it fails wherever it comes back).
ONE_ENGLISH_FORM = {
    "省科技小巨人": ("Provincial Science and Technology Little Giant Enterprise", ["sci-tech little giant"]),
    "奖项": ("award", ["prize"]),
    "称号中的“企业”": ("enterprise", ["manufacturing company", "management company", "demonstration company",
                               "advantage company", "water-saving company", "benchmark company", "cultivated company"]),
    "引才工程": ("talent recruitment programme", ["national talent programme", "provincial talent programme"]),
    "领军型创新创业团队": ("leading innovation and entrepreneurship team", ["leading innovation team"]),
    "科技创新券": ("science and technology innovation voucher", ["innovation voucher"]),
    "A、B、C、D类": ("Category A, B, C or D", ["class A", "classes A"]),
    "企业债": ("enterprise bond", []),
    "公司债": ("corporate bond", []),
    "增容": ("floor-area expansion", ["capacity increase", "capacity expansion", "floor capacity"]),
    "项目投入": ("project investment", ["project's input"]),
    "绿色低碳工厂": ("green low-carbon factory", ["low-carbon green factory", "(low-carbon) green factory"]),
    "附则": ("Supplementary Provisions", ["Supplementary Provision"]),
}


@pytest.mark.parametrize("term", ONE_ENGLISH_FORM)
def test_each_reviewed_term_has_one_english_form_and_its_old_forms_fail(policy, term):
    entry = next((entry for entry in policy["glossary"] if entry["zh"] == term), None)
    assert entry is not None, f"{term}: not in the glossary"
    pinned, old_forms = ONE_ENGLISH_FORM[term]
    assert entry["en"] == pinned
    assert set(old_forms) <= set(entry.get("other_en", [])), entry.get("other_en")
    # The pinned form passes; each old form fails, alone and beside the term's Chinese.
    assert other_form_misses(f"An enterprise's {pinned}s and its {pinned}.", "ok", [entry]) == []
    for old in entry.get("other_en", []):
        assert other_form_misses(f"the {old} of an enterprise", "old", [entry]) == [
            f"old: {old!r} is not this site's English for {term}: use {pinned!r}"]
    # A text with the term in Chinese but another English for it fails (企业债 rendered as a corporate bond).
    zh = glossary_forms(entry)[0]
    assert glossary_misses([(zh, "something else entirely", "other")], [entry]) == [
        f"other: has {term} but English lacks {entry.get('en_form', pinned)!r}"]


def test_a_term_inside_a_longer_term_is_the_longer_ones(policy):
    """省科技小巨人 (Zhejiang's science and technology list) is not 专精特新“小巨人” (MIIT's SRDI title): Article 21's page
    lists the former only, and its English never says SRDI."""
    from site_build import render

    article_21 = policy["articles"][20]
    text = article_21["title"]["zh"] + "".join(clause["zh"] for clause in article_21["clauses"])
    found = {entry["zh"] for _, entry in render.glossary_terms_in(policy, text)}
    assert "省科技小巨人" in found and "小巨人" not in found
    assert "SRDI" not in render.render_site(policy, lang="en")["articles/21.md"]
    assert "小巨人" in {entry["zh"] for _, entry in render.glossary_terms_in(policy, policy["articles"][19]["clauses"][0]["zh"])}


# One modality for what the articles grant: "will receive" / "will be granted" (or "will be provided"), with a
# singular subject ("an enterprise ... will receive"), as official English renders 给予.
PLURAL_SUBJECTS = {"enterprises", "entities", "companies", "teams", "projects", "platforms", "winners", "organisations"}


def modality_misses(clause_id: str, zh: str, en: str) -> list[str]:
    misses = []
    for found in re.findall(r"\breceives\b|\b(?:is|are) (?:granted|provided)\b", en):
        misses.append(f"{clause_id}: {found!r}: write 'will receive' / 'will be granted'")
    for found in re.finditer(r"\breceive\b", en):
        if not en[:found.start()].endswith("will "):
            misses.append(f"{clause_id}: 'receive' without 'will'")
    if re.search(r"给予|予以|进行一定奖励", zh) and not re.search(r"\bwill (?:receive|be granted|be provided)\b", en):
        misses.append(f"{clause_id}: grants something but says neither 'will receive' nor 'will be granted'")
    for segment in re.split(r"[;:]", en):
        if re.search(r"\bwill receive\b", segment):
            subject = re.sub(r"^\s*(?:For |Where )?", "", segment).split()[:3]
            if PLURAL_SUBJECTS & {word.lower().strip(",") for word in subject}:
                misses.append(f"{clause_id}: plural subject {' '.join(subject)!r}: write 'an enterprise ... will receive'")
    return misses


def test_articles_use_one_modality_with_singular_subjects(policy):
    misses = [miss for article in policy["articles"] for clause in article["clauses"]
              for miss in modality_misses(clause["id"], clause["zh"], clause["en"])]
    assert not misses, "\n".join(misses)


def test_modality_check_fails_on_receives_and_plural_subjects():
    good = "An enterprise newly rated as a green factory will receive a matching award of CNY 50,000."
    assert modality_misses("x", "给予5万元", good) == []
    assert modality_misses("x", "给予5万元", good.replace("will receive", "receives")) == [
        "x: 'receives': write 'will receive' / 'will be granted'",
        "x: grants something but says neither 'will receive' nor 'will be granted'"]
    assert modality_misses("x", "给予5万元", "A subsidy of CNY 50,000 is granted.")[0] == (
        "x: 'is granted': write 'will receive' / 'will be granted'")
    assert modality_misses("x", "给予5万元", "Enterprises newly rated as green factories will receive CNY 50,000.") == [
        "x: plural subject 'Enterprises newly rated': write 'an enterprise ... will receive'"]


def test_glossary_has_the_required_terms(policy):
    required = ["规上工业企业", "规下", "小升规", "月进规", "专精特新", "小巨人", "单项冠军", "隐形冠军", "首台（套）", "首版次",
                "累进补差", "配套奖励", "从高不重复", "综合扶持", "面上支持政策", "技术改造", "可补助投资额", "两业融合", "腾笼换鸟",
                "二次开发", "亩", "万元", "亿元", "高新技术企业", "品字标", "浙江制造", "科创甬江2035", "甬江人才工程", "信用中国"]
    terms = {entry["zh"] for entry in policy["glossary"]}
    assert not [t for t in required if t not in terms]
    # Every glossary term really occurs in the text (or is a unit, a department or a heading used in it).
    all_zh = "".join(c["zh"] for c, _ in iter_text_clauses(policy)) + "".join(
        a["title"]["zh"] + "".join(d["zh"] for d in a["departments"]) for a in policy["articles"]) + (
        policy["supplementary"]["title"]["zh"])
    assert not [e["zh"] for e in policy["glossary"] if not any(f in all_zh for f in glossary_forms(e))]


def test_departments_use_the_glossary_english(policy):
    glossary = {entry["zh"]: entry["en"] for entry in policy["glossary"]}
    for article in policy["articles"]:
        for department in article["departments"]:
            assert glossary.get(department["zh"]) == department["en"], (article["id"], department)


# --- the validator rejects each kind of broken file, and says where ---------------------------------------------

def _raw() -> dict:
    return yaml.safe_load((ROOT / "policy.yaml").read_text(encoding="utf-8"))


def _unknown_key(d):
    d["articles"][2]["amount"] = 5


def _unknown_top_level_key(d):
    d["appendix"] = []


def _missing_translation(d):
    del d["articles"][9]["clauses"][0]["en"]


def _empty_translation(d):
    d["articles"][9]["clauses"][0]["en"] = "  "


def _placeholder_translation(d):
    d["articles"][9]["clauses"][0]["en"] = "TODO"


def _empty_title_translation(d):
    d["parts"][0]["title"]["en"] = ""


def _duplicate_article_id(d):
    d["articles"][5]["id"] = 5


def _duplicate_clause_id(d):
    d["articles"][2]["clauses"][1]["id"] = "a3-1"


def _clauses_out_of_order(d):
    clauses = d["articles"][2]["clauses"]
    clauses[0], clauses[1] = clauses[1], clauses[0]


def _articles_out_of_order(d):
    articles = d["articles"]
    articles[0], articles[1] = articles[1], articles[0]


def _missing_article(d):
    del d["articles"][31]


def _missing_provision(d):
    del d["supplementary"]["provisions"][5]


def _wrong_type(d):
    d["articles"][0]["clauses"] = "text"


def _duplicate_glossary_term(d):
    d["glossary"].append(copy.deepcopy(d["glossary"][0]))


def _bad_date(d):
    d["document"]["in_force_from"] = "1 May 2024"


BROKEN = {
    "unknown key": (_unknown_key, r"articles\[2\] \(id 3\): unknown key\(s\) \['amount'\]"),
    "unknown top-level key": (_unknown_top_level_key, r"unknown key\(s\) \['appendix'\]"),
    "missing translation": (_missing_translation, r"articles\[9\] \(id 10\)\.clauses\[0\]: missing key\(s\) \['en'\]"),
    "empty translation": (_empty_translation, r"articles\[9\] \(id 10\)\.clauses\[0\]\.en: empty translation"),
    "placeholder translation": (_placeholder_translation, r"clauses\[0\]\.en: placeholder 'TODO'"),
    "empty title translation": (_empty_title_translation, r"parts\[0\]\.title\.en: empty translation"),
    "duplicate article id": (_duplicate_article_id, r"articles: duplicate id 5"),
    "duplicate clause id": (_duplicate_clause_id, r"clauses\[1\]\.id: duplicate clause id 'a3-1'"),
    "clauses out of order": (_clauses_out_of_order, r"clauses\[0\]\.id: clause out of order: expected 'a3-1', found 'a3-2'"),
    "articles out of order": (_articles_out_of_order, r"articles: expected ids 1\.\.32 in order"),
    "missing article": (_missing_article, r"articles: expected ids 1\.\.32 in order"),
    "missing provision": (_missing_provision, r"supplementary\.provisions: expected ids 1\.\.6 in order"),
    "wrong type": (_wrong_type, r"articles\[0\] \(id 1\)\.clauses: expected a non-empty list"),
    "duplicate glossary term": (_duplicate_glossary_term, r"glossary\[\d+\]\.zh: duplicate glossary term"),
    "bad date": (_bad_date, r"document\.in_force_from: expected a date"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_validator_rejects(kind):
    break_it, message = BROKEN[kind]
    data = _raw()
    validate_policy(copy.deepcopy(data))  # the real file is valid
    break_it(data)
    with pytest.raises(PolicyError, match=message):
        validate_policy(data)


def test_loader_rejects_invalid_yaml(tmp_path):
    broken = tmp_path / "policy.yaml"
    broken.write_text("document: [unclosed\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="policy.yaml: not valid YAML"):
        load_policy(broken)
