"""The whole-company estimator: the page holds only its container; docs/assets/frontend/ draws the form."""
from __future__ import annotations

from site_build.templating import TemplatePage

PAGE = TemplatePage(path="estimator/index.md", template="estimator.md.j2", title="estimator",
                    nav_after="supplementary/index.md", boost=0.3, hide_toc=True)
