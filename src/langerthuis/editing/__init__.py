"""The editing workflow: a draft edition made from the previous one, figures delivered by
upload (validated in full, written all or nothing), a preview, publication (which freezes
the edition), and revisions of published figures with a reason."""
from .drafts import EditingError, create_draft, publish
from .figures import (FIGURE_COLUMNS, Problem, UploadRejected, apply_figures, template_csv,
                      template_xlsx)
from .revisions import Conflict, revise

__all__ = ["Conflict", "EditingError", "FIGURE_COLUMNS", "Problem", "UploadRejected",
           "apply_figures", "create_draft", "publish", "revise", "template_csv",
           "template_xlsx"]
