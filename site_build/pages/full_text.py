"""The whole policy on one page (full-text/): notice, preamble, every article by part, and 附则, both languages,
for reading straight through and for printing (overrides/assets/stylesheets/print.css).

Left out of the search index: every clause is already found on its own article or provision page."""
from __future__ import annotations

from site_build.templating import TemplatePage

PAGE = TemplatePage(path="full-text/index.md", template="full_text.md.j2", title="full_text",
                    nav_after="supplementary/index.md", search_exclude=True)
