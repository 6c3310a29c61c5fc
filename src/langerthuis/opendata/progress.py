"""The actions and their progress as tidy tables (`actions.csv`, `action-progress.csv`, and
sheets of the Excel download): one row per action with where it stands, one row per progress
entry. Each column is declared once here, with its type and meaning, for the CSV files, the
Excel explanation sheet and the data package."""
from __future__ import annotations

from ..views.snapshot import Resources

#: Columns of actions.csv: name -> (type, meaning).
ACTION_FIELDS = {
    "programme": ("string", "Id of the programme."),
    "action_id": ("string", "Stable id of the action."),
    "action_line": ("integer", "Number of the action line."),
    "goal": ("integer", "Number of the goal within its action line; empty where none."),
    "number": ("integer", "Number of the action within its action line."),
    "title": ("string", "Title as printed in the Plan van Aanpak (Dutch)."),
    "title_en": ("string", "Title in English."),
    "milestone_or_timeline": ("string", "Milestone or timeline as printed (Dutch)."),
    "leads": ("string", "Leads (trekkers) as printed."),
    "status": ("string", "Status of the latest progress entry: started, on_schedule, delayed "
               "or completed; not_reported where no source speaks of the action."),
    "status_date": ("date", "Date the status refers to: the last day of the day, month or "
                    "year the source speaks of (ISO 8601); empty when not reported."),
    "status_date_precision": ("string", "day, month or year."),
    "progress_entries": ("integer", "Number of progress entries of the action."),
}

#: Columns of action-progress.csv.
PROGRESS_FIELDS = {
    "action_id": ("string", "Id of the action (see actions.csv)."),
    "entry_id": ("string", "Stable id of the progress entry."),
    "date": ("date", "Last day of the day, month or year the source speaks of (ISO 8601)."),
    "date_precision": ("string", "day, month or year."),
    "status": ("string", "started, on_schedule, delayed or completed."),
    "covid_19": ("boolean", "true where the source says COVID-19 delayed or changed the work."),
    "summary": ("string", "What the source says, in our own words (Dutch)."),
    "summary_en": ("string", "The same in English."),
    "source_id": ("string", "Id of the source document (see references in monitor.json)."),
    "source_title": ("string", "Title of the source document."),
    "source_location": ("string", "Where in the source document."),
}


def action_rows(res: Resources) -> list[dict]:
    out = []
    for a in _ordered(res):
        latest = a.progress[-1] if a.progress else None
        out.append({"programme": a.programme, "action_id": a.id, "action_line": a.action_line,
                    "goal": a.goal, "number": a.number, "title": a.title,
                    "title_en": a.title_en, "milestone_or_timeline": a.milestone or a.timeline,
                    "leads": a.leads_printed, "status": a.status,
                    "status_date": a.status_date.isoformat() if a.status_date else None,
                    "status_date_precision": latest.date_precision if latest else None,
                    "progress_entries": len(a.progress)})
    return out


def progress_rows(res: Resources) -> list[dict]:
    titles = {r.id: r.title for r in res.references}
    return [{"action_id": a.id, "entry_id": e.id, "date": e.date.isoformat(),
             "date_precision": e.date_precision, "status": e.status,
             "covid_19": "true" if e.covid_19 else "false", "summary": e.summary,
             "summary_en": e.summary_en, "source_id": e.source,
             "source_title": titles.get(e.source), "source_location": e.source_location}
            for a in _ordered(res) for e in a.progress]


def _ordered(res: Resources) -> list:
    """The actions by programme, action line and number."""
    return sorted(res.actions, key=lambda a: (a.programme, a.action_line or 0, a.number))
