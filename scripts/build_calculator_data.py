"""Regenerates calculator/_data/ from policy.yaml (build.sh step 1): site_build/calculator_data.py, same arguments."""
import runpy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
runpy.run_module("site_build.calculator_data", run_name="__main__", alter_sys=True)
