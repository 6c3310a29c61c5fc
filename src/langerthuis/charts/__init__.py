"""Charts and maps as SVG, rendered on the server so that they need no JavaScript and serve
the website and the PDF report alike. Every chart carries a title and a description for
assistive technology; the pages show the same numbers in a table next to it."""
from .bars import bar_chart, breakdown_chart
from .svg import Chart
from .trend import trend_chart

__all__ = ["Chart", "bar_chart", "breakdown_chart", "trend_chart"]
