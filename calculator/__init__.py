"""Award calculator for 《关于加快推进新型工业化高质量发展都市工业的若干意见》 (Ningbo Jiangbei, 2024). Stdlib only.

See calculator/README.md for the profile and result formats.
"""
# The package's version (the wheel jiangbei-policy): its minor part changes with the profile or result format
# (CHANGELOG.md).
__version__ = "0.2.0"

from ._batch import BatchRun, read_rows  # noqa: E402
from ._catalog import list_inputs, list_parameters, list_rules, rules_json
from ._engine import LANGS, estimate, estimate_json, other_policy_sources, validate_profile
from ._parameters import ReformError
from ._validate import MAX_ITEMS_REPEATABLE

__all__ = ["__version__", "LANGS", "MAX_ITEMS_REPEATABLE", "BatchRun", "ReformError", "estimate", "estimate_json", "list_inputs", "list_parameters",
           "list_rules", "other_policy_sources", "read_rows", "rules_json", "validate_profile"]
