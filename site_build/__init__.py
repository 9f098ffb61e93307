"""The site's build: everything that turns policy.yaml and the calculator into the static site, as a library.

Run from the repository's root (the build scripts and the MkDocs hooks put it on sys.path); the calculator is its own
package (calculator/), which this one uses but never the other way round. Not part of the wheel `jiangbei-policy`.

Pages (MkDocs hooks/policy_pages.py):
  render          every page of one language ({docs path: Markdown}) and the nav, from templates/ and pages/
  pages/          the pages: each a template of templates/ plus the data it needs (document.py: the policy's own)
  templating      Jinja2 environment, the UI table (templates/ui.yaml) and `ui()`, TemplatePage
  labels          titles and labels of articles, parts, provisions and clauses; dates
  amounts         how a rule's figures read (award tables)
  page_paths      docs paths, URLs and relative links
  citations       how a clause is cited (the copy button)
  glossary_terms  glossary terms a text uses; search tags and words
  search_subwords Chinese sub-words for the search index
  self_check      the self-check page's questions and awards
  policy_data     loads and validates policy.yaml's text
Build steps (scripts/build.sh runs them as `python -m site_build.<name>`):
  calculator_data   policy.yaml -> calculator/_data/policy_rules.json
  calculator_inputs inputs.json, what the in-page forms are drawn from (what_if: the what-if charts' sample points)
  bundle_pyodide    Pyodide's runtime, the cut-down stdlib, the calculator wheel and lock file, the front end's files
  api_v1            the static API (site/api/v1/)
  budget_files      the budget page's CSV template and synthetic sample (budget_sample)
  finish_site       the Content-Security-Policy of every page, sw.js and its offline lists, the 404 pages' links
  precompress       .br and .gz copies of large files
  static_server     serves site/ as a host would (scripts/serve.sh, the browser tests)
  site_manifest     the built site as {path: sha256}, hashes normalized (tests/e2e/test_site_manifest.py)
"""
