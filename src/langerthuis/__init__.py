"""Monitor Langer Thuis: monitoring Dutch policy programmes for older people."""

__version__ = "0.1.0"
