"""The offline page (offline/): what the service worker shows, in the page's language, for a page of this site that it
has not saved yet while the network is off (docs/assets/frontend/site/sw.template.js). Installed with the worker; not
in the nav or search."""
from __future__ import annotations

from site_build.templating import TemplatePage

PAGE = TemplatePage(path="offline/index.md", template="offline.md.j2", title="offline_title", search_exclude=True)
