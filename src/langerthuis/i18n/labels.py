"""The words for the domain's closed vocabularies, as catalogue messages. Each label is
marked here once and translated where it is shown (`label(LABELS, code, lang)`)."""
from __future__ import annotations

from . import N_, translations

KINDS = {"outcome": N_("Outcome"), "process": N_("Process"), "narrative": N_("Narrative")}

ENTRY_STATUSES = {
    "new": N_("new figure"), "still_valid": N_("still valid"),
    "not_updated": N_("not updated"), "not_available": N_("not available"),
    "not_applicable": N_("not applicable"), "in_development": N_("in development")}

QUALIFIERS = {
    "provisional": N_("provisional"), "lower_bound": N_("lower bound"),
    "maximum_tariff": N_("maximum tariff"), "estimate": N_("estimate"),
    "projection": N_("projection"), "approximate": N_("approximate")}

CHANGES = {
    "desired": N_("desired direction"), "undesired": N_("undesired direction"),
    "unchanged": N_("unchanged"), "not_comparable": N_("not comparable")}

REASONS = {
    "narrative": N_("narrative"), "not_updated": N_("no new figure"),
    "no_current_figure": N_("no figure in this edition"),
    "no_earlier_figure": N_("no earlier figure"),
    "definition_changed": N_("definition changed"),
    "lower_bound": N_("lower bound"),
    "comparability_note": N_("financing or method changed"),
    "reference_period_changed": N_("different reference period"),
    "no_desired_direction": N_("no desired direction"),
    "first_edition": N_("first edition")}

PROGRESS_STATUSES = {
    "started": N_("started"), "on_schedule": N_("on schedule"), "delayed": N_("delayed"),
    "completed": N_("completed"), "not_reported": N_("not reported")}

REFLECTION_SECTIONS = {
    "purpose": N_("Purpose of the monitor"), "results": N_("What this edition holds"),
    "comparison": N_("Comparison with the previous edition"),
    "corona": N_("The COVID-19 crisis"), "initiative_map": N_("The initiative map"),
    "follow_up": N_("What became of the previous recommendations"),
    "recommendations": N_("Recommendations")}

DIMENSIONS = {
    "mark_band": N_("Mark"), "domain": N_("Domain"), "statistic": N_("Statistic"),
    "topic": N_("Topic"), "domains_well_arranged": N_("Life domains well arranged"),
    "theme": N_("Theme"), "aspect": N_("Aspect"), "party": N_("Party"), "year": N_("Year"),
    "phase": N_("Phase"), "measure": N_("Measure"), "application": N_("Application"),
    "sex": N_("Sex"), "age_group": N_("Age"), "field": N_("Field"), "region": N_("Region"),
    "medium": N_("Medium"), "housing_form": N_("Housing form"), "ownership": N_("Owner"),
    "role": N_("Role"), "municipality_code": N_("Municipality"), "package": N_("Package"),
    "budget": N_("Budget"), "tranche": N_("Tranche"), "project": N_("Project"),
    "place": N_("Place"), "home_type": N_("Home type")}

#: The word for a unit, as the title of a value axis or of a table's value column.
UNITS = {"percentage": N_("Percentage"), "count": N_("Number"), "mark": N_("Mark (1-10)"),
         "ratio": N_("Ratio"), "hours": N_("Hours"), "euro": N_("Amount in euro"),
         "stories": N_("Stories")}

#: The values of a table's `statistic` dimension: what a row measures.
STATISTICS = {"share": N_("Share"), "mean": N_("Mean mark")}

#: Dimensions whose values say what is measured (a share, a mean) rather than of whom: in a
#: cross table their extra values become a row or column of their own.
STATISTIC_DIMENSIONS = ("statistic",)

RULES = {
    "key-figure-total": N_("table total differs from the key figure"),
    "key-figure-rounding": N_("key figure is not the rounded table value"),
    "shares-add-up": N_("shares do not add up to 100"),
    "parts-add-up": N_("parts do not add up to the total"),
    "arithmetic-relation": N_("arithmetic relation does not hold"),
    "unit-range": N_("value outside its unit's range"),
    "printed-differently": N_("one figure printed differently")}

NOTE_KINDS = {
    "disagreement": N_("disagreement between sources"), "uncertain": N_("uncertainty"),
    "comparability": N_("comparability"), "reconstructed": N_("reconstructed values"),
    "assumption": N_("assumption"), "shortened": N_("shortened text")}

HOUSING_CATEGORIES = {"zero_step": N_("zero-step homes"), "clustered": N_("clustered homes"),
                      "care_suitable": N_("care-suitable homes")}

TARGET_KINDS = {"official": N_("official target"),
                "estimate": N_("our estimate (proportional to residents aged 75+)")}

DELIVERY_FIELDS = {"homes": N_("homes"), "year": N_("year"), "status": N_("status")}

DELIVERY_STATUSES = {"planned": N_("planned"), "realised": N_("realised")}


def label(labels: dict[str, str], code: str, lang: str) -> str:
    """The word for `code` in `lang`; a code without a label is shown as words, never as a
    catalogue key."""
    message = labels.get(str(code))
    if message is None:
        return str(code).replace("_", " ").replace("-", " ")
    return translations(lang).gettext(message)

#: What each compute recipe computes, for readers of the methods page.
RECIPES = {
    "threshold-share": N_("the share of respondents whose mark is at or above a threshold"),
    "life-domains": N_("the number of life domains without unmet need"),
    "ediz-burden": N_("the share of informal carers who feel heavily burdened"),
    "oldest-old-support-ratio": N_("the number of people aged 50 to 74 per person aged 85 or "
                                   "over"),
    "hours-to-fte": N_("hours as full-time jobs"),
    "carry-forward": N_("the share of organisations with all four functions, the last known "
                        "answer carried forward"),
}
