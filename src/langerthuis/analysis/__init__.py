"""Analysis: an edition compared with the previous one (what changed, in which direction),
summaries per action line and kind, consistency rules over the data, and the written
reflection generated from those facts."""
from .compare import Direction, IndicatorFact, Reason, compare_editions
from .edition import EditionAnalysis, analyse, analyse_edition
from .rules import RULES, Finding, run_rules

__all__ = ["Direction", "EditionAnalysis", "Finding", "IndicatorFact", "RULES", "Reason",
           "analyse", "analyse_edition", "compare_editions", "run_rules"]
