"""Award calculator for 《关于加快推进新型工业化高质量发展都市工业的若干意见》 (Ningbo Jiangbei, 2024). Stdlib only.

See calculator/README.md for the profile and result formats.
"""
from ._batch import BatchRun, read_rows
from ._catalog import list_inputs, list_parameters, list_rules, rules_json
from ._engine import LANGS, estimate, estimate_json, other_policy_sources, validate_profile
from ._parameters import ReformError
from ._validate import MAX_ITEMS_REPEATABLE

__all__ = ["LANGS", "MAX_ITEMS_REPEATABLE", "BatchRun", "ReformError", "estimate", "estimate_json", "list_inputs", "list_parameters",
           "list_rules", "other_policy_sources", "read_rows", "rules_json", "validate_profile"]
