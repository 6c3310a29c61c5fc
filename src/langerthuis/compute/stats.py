"""Uncertainty of survey estimates: Wilson intervals for shares, with Kish's effective
sample size when respondents carry weights, and a normal interval for means."""
from __future__ import annotations

import math

Z95 = 1.959963984540054


def effective_n(sum_w: float, sum_w2: float) -> float:
    """Kish's effective sample size: (sum of weights)^2 / sum of squared weights."""
    return sum_w * sum_w / sum_w2 if sum_w2 else 0.0


def wilson(p: float, n: float, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval for a proportion `p` observed on `n` (effective) cases."""
    if n <= 0:
        return (math.nan, math.nan)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def mean_interval(mean: float, variance: float, n: float, z: float = Z95) -> tuple[float, float]:
    if n <= 1:
        return (math.nan, math.nan)
    half = z * math.sqrt(variance / n)
    return (mean - half, mean + half)
