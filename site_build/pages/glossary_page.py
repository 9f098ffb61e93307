"""The glossary (glossary/): every term in both languages, its note, and the articles that use it (for a department,
the articles it is responsible for)."""
from __future__ import annotations

from typing import Any, Mapping

from site_build.page_paths import GLOSSARY_PATH
from site_build.policy_data import uses_term
from site_build.templating import TemplatePage


def glossary_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    articles = policy["articles"]
    departments = {d["zh"] for article in articles for d in article["departments"]}
    terms = []
    for index, entry in enumerate(policy["glossary"]):
        if entry["zh"] in departments:  # a department: the articles it is responsible for
            appears = [a for a in articles if entry["zh"] in {d["zh"] for d in a["departments"]}]
        else:
            appears = [a for a in articles if uses_term(
                policy["glossary"], index, a["title"]["zh"] + "".join(c["zh"] for c in a["clauses"]))]
        terms.append({"number": index + 1, "entry": entry, "articles": appears})
    return {"terms": terms}


PAGE = TemplatePage(path=GLOSSARY_PATH, template="glossary.md.j2", title="glossary", data=glossary_data,
                    nav_after="methodology.md", boost=0.3, hide_toc=True)
