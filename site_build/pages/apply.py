"""How to apply (apply/, issue 24): what the policy says about applying, and nothing more. 附则（一） in both languages
(each competent department makes its own implementing measures or operating rules with the District Finance Bureau,
and interprets its articles with it), then each article's responsible departments as the policy names them after the
article (policy.yaml `departments`). The calculators' next steps link an article's line here (#article-N)."""
from __future__ import annotations

from typing import Any, Mapping

from site_build.glossary_terms import search_tags
from site_build.templating import TemplatePage

PATH = "apply/index.md"


def _provision(policy: Mapping[str, Any]) -> Mapping[str, Any]:
    return next(p for p in policy["supplementary"]["provisions"] if p["id"] == 1)


def page_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    return {"provision": _provision(policy)}


def page_tags(policy: Mapping[str, Any], lang: str) -> list[str]:
    """The words readers search for applying by (policy.yaml search_tags of 附则（一）'s 实施办法或操作细则)."""
    return search_tags(policy, " ".join(clause["zh"] for clause in _provision(policy)["clauses"]))


PAGE = TemplatePage(path=PATH, template="apply.md.j2", title="apply", data=page_data, tags=page_tags,
                    nav_after="methodology.md", boost=2, hide_toc=True)
