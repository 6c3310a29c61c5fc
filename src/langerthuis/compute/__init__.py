"""Indicators computed from microdata: named, versioned recipes written once against Ibis,
so that each runs on the embedded engine (DuckDB) and on a distributed one (Spark)."""
from .recipes import RECIPES, Recipe, Result

__all__ = ["RECIPES", "Recipe", "Result"]
