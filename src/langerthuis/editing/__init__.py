"""The editing workflow: a draft edition made from the previous one, figures, breakdown
tables, stories, progress entries and initiatives delivered by upload (validated in full, written all or
nothing), a preview, publication (which freezes the edition), and revisions of published
figures with a reason."""
from .drafts import EditingError, create_draft, publish
from .figures import FIGURE_COLUMNS, apply_figures, template_csv, template_xlsx
from .initiatives import INITIATIVES
from .progress import PROGRESS
from .records import RecordKind, apply_records
from .revisions import Conflict, revise
from .stories import STORIES
from .tables import apply_table
from .uploads import Problem, UploadRejected

#: The kinds of records delivered besides figures, by the name in the API's path.
RECORD_KINDS = {kind.name: kind for kind in (STORIES, PROGRESS, INITIATIVES)}

__all__ = ["Conflict", "EditingError", "FIGURE_COLUMNS", "INITIATIVES", "PROGRESS", "Problem",
           "RECORD_KINDS", "RecordKind", "STORIES", "UploadRejected", "apply_figures",
           "apply_records", "apply_table", "create_draft", "publish", "revise", "template_csv",
           "template_xlsx"]
