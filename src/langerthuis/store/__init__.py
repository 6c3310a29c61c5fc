"""The store: the database connection, its Alembic migrations, and loading content."""
from .database import make_engine, session_scope
from .load import load_content
from .migrate import current_revision, upgrade

__all__ = ["current_revision", "load_content", "make_engine", "session_scope", "upgrade"]
