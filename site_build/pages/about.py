"""About this text (about/): source, what is verified and how, known errata, translator's notes, interpretations,
and the changelog of the site's text. Everything comes from policy.yaml (`document`, `provenance`, clause `note`s,
rule and 附则 `interpretation`s)."""
from __future__ import annotations

import re
from typing import Any, Mapping

from site_build import citations
from site_build.labels import article_label
from site_build.page_paths import SUPPLEMENTARY_PATH, article_path, provision_path
from site_build.templating import TemplatePage


def clause_pages(policy: Mapping[str, Any]) -> dict[str, tuple[str, int]]:
    """{clause id: (docs path of the page that holds it, how many clauses its article or part has)}."""
    document = policy["document"]
    where: dict[str, tuple[str, int]] = {}
    for clauses, path in ((document["notice"]["clauses"], "index.md"), (document["preamble"]["clauses"], "index.md")):
        where |= {clause["id"]: (path, len(clauses)) for clause in clauses}
    for article in policy["articles"]:
        where |= {c["id"]: (article_path(article["id"]), len(article["clauses"])) for c in article["clauses"]}
    for provision in policy["supplementary"]["provisions"]:
        path = provision_path(provision["id"])
        where |= {c["id"]: (path, len(provision["clauses"])) for c in provision["clauses"]}
    return where


def _all_clauses(policy: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    document = policy["document"]
    return [*document["notice"]["clauses"], *document["preamble"]["clauses"],
            *(c for article in policy["articles"] for c in article["clauses"]),
            *(c for provision in policy["supplementary"]["provisions"] for c in provision["clauses"])]


def about_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    provenance = policy["provenance"]
    pages = clause_pages(policy)

    def address(clause_id: str) -> str:
        return citations.clause_address(clause_id, lang, clause_count=pages[clause_id][1])

    errata = [{"text": item[lang], "path": pages[item["clause"]][0] if "clause" in item else None,
               "fragment": item.get("clause", ""), "label": address(item["clause"]) if "clause" in item else ""}
              for item in provenance["errata"]]
    # A note on an article clause is listed under the article's interpretation notes (id note-<clause>); elsewhere
    # the link goes to the clause itself.
    notes = [{"label": address(clause["id"]), "path": pages[clause["id"]][0],
              "fragment": f"note-{clause['id']}" if clause["id"].startswith("a") else clause["id"],
              "text": clause["note"][lang]}
             for clause in _all_clauses(policy) if clause.get("note")]
    articles = {article["id"]: article for article in policy["articles"]}
    interpretations = [{"label": article_label(articles[rule["article"]], lang), "title": rule["title"][lang],
                        "path": article_path(rule["article"]),
                        # the award table's row (templates/blocks.j2 award_table)
                        "fragment": "rule-" + rule["id"].replace(".", "-"), "text": rule["interpretation"][lang]}
                       for rule in policy.get("rules") or [] if rule.get("interpretation")]
    for item in (policy.get("cross_cutting") or {}).values():
        if isinstance(item, Mapping) and isinstance(item.get("interpretation"), Mapping):
            clause = str(item.get("clause", ""))
            if clause in pages and re.fullmatch(r"s\d+-\d+", clause):
                target = {"label": address(clause), "path": pages[clause][0], "fragment": clause}
            else:
                target = {"label": policy["supplementary"]["title"][lang], "path": SUPPLEMENTARY_PATH,
                          "fragment": ""}
            interpretations.append({**target, "title": "", "text": item["interpretation"][lang]})
    return {"provenance": provenance, "errata": errata, "translator_notes": notes,
            "interpretations": interpretations,
            "changelog": [{"date": str(entry["date"]), "text": entry[lang]} for entry in provenance["changelog"]]}


PAGE = TemplatePage(path="about/index.md", template="about.md.j2", title="about", data=about_data,
                    nav_after="glossary.md", boost=0.3, hide_toc=False)
