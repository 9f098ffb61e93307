"""Prints inputs.json (site_build/bundle_pyodide.py runs this file): site_build/calculator_inputs.py."""
import runpy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
runpy.run_module("site_build.calculator_inputs", run_name="__main__", alter_sys=True)
