"""Geography: Dutch municipalities per year with their regions and boundaries, the
crosswalk between years (mergers, splits, border corrections), name lookup, and
aggregation of municipal values that respects the unit."""
from .errors import UnknownMunicipality
from .registry import Municipality, Registry

__all__ = ["Municipality", "Registry", "UnknownMunicipality"]
