"""The self-check page (self-check/): yes/no questions about the company's year, the awards they may open (most
valuable first) and the 附则 reminders, all from policy.yaml `self_check` through site_build/self_check.py.

Every award any question opens is in the page, hidden; docs/assets/frontend/self-check/self-check.js shows those the "yes"
answers open and points the estimator link at them. The page needs no Python in the browser.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from site_build.self_check import opened_awards, validate_self_check
from site_build.templating import TemplatePage


def page_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    section = validate_self_check(policy)
    articles = {article["id"]: article for article in policy["articles"]}
    awards = [{"rule": rule, "ceiling": ceiling, "article": articles[rule["article"]], "clause": rule["clauses"][0]}
              for rule, ceiling in opened_awards(policy)]
    reminders = []
    for reminder in section["reminders"]:
        provision = re.fullmatch(r"s(\d+)-\d+", reminder["clause"])
        assert provision, reminder  # validate_self_check: a clause of the Supplementary Provisions
        reminders.append({**reminder, "provision": int(provision.group(1))})
    return {"questions": section["questions"], "awards": awards, "reminders": reminders}


PAGE = TemplatePage(path="self-check/index.md", template="self_check.md.j2", title="self_check", data=page_data,
                    nav_after="index.md", boost=0.5, hide_toc=True)
