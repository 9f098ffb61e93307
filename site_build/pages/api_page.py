"""The static API's page (api/): what api/v1/ holds, its promise (v1 never breaks), and the engine as a package. The
files themselves are written by site_build/api_v1.py into the site's api/v1/, once for both languages."""
from __future__ import annotations

from typing import Any, Mapping

import calculator
from site_build.page_paths import to_root as root_of
from site_build.templating import TemplatePage

PATH = "api/index.md"


def api_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    to_root = root_of(PATH, lang)
    api = f"{to_root}api/v1/"
    return {"api_base": api, "wheel": f"{to_root}pyodide/jiangbei_policy-{calculator.__version__}-py3-none-any.whl",
            "wheel_name": f"jiangbei_policy-{calculator.__version__}-py3-none-any.whl", "version": calculator.__version__,
            "parameter_count": len(calculator.list_parameters()), "rule_count": len(calculator.list_rules()),
            "api_files": [{"name": name, "href": api + name, "what": f"api_file_{name.split('.')[0].replace('/', '_')}"}
                          for name in ("rules.json", "profile.schema.json", "result.schema.json", "examples/index.json")]}


PAGE = TemplatePage(path=PATH, template="api.md.j2", title="api", data=api_data, nav_after="about/index.md", boost=0.3,
                    hide_toc=False)
