"""The housing monitor's downloads (under housing/ in the download folder):

    housing/progress.csv        the country, every province and municipality, per category
                                (and all together): target, its kind, planned, realised,
                                shares, homes remaining and the pace needed
    housing/years.csv           planned and realised homes per year and category
    housing/disagreements.csv   what linked sources said differently, and what counts
    housing/housing.json        all of it as the API sends it

Every row carries `target_kind` (official, or estimate: our estimate proportional to
residents aged 75+) where it shows a per-area target, and `synthetic` (whether the
deliveries are synthetic)."""
from __future__ import annotations

import json

from ..views import resources as s
from ..views.housing import HousingMonitor
from .keyfigures import to_csv

PROGRESS = list(s.HousingProgress.model_fields)
YEARS = list(s.HousingYear.model_fields)
DISAGREEMENTS = [f for f in s.HousingDisagreement.model_fields if f != "values"] + ["values"]


def _type(annotation) -> str:
    text = str(annotation)
    for python, frictionless in (("bool", "boolean"), ("int", "integer"), ("float", "number")):
        if python in text:
            return frictionless
    return "string"


def datapackage_resources(monitor: HousingMonitor | None) -> list[dict]:
    """The housing CSV files as Data Package resources, their fields typed from the models."""
    if monitor is None:
        return []
    out = []
    for name, model, columns in (("housing-progress", s.HousingProgress, PROGRESS),
                                 ("housing-years", s.HousingYear, YEARS),
                                 ("housing-disagreements", s.HousingDisagreement, DISAGREEMENTS)):
        fields = [{"name": c, "type": "string" if c == "values" else
                   _type(model.model_fields[c].annotation)} for c in columns]
        out.append({"name": name, "path": f"housing/{name.removeprefix('housing-')}.csv",
                    "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                    "schema": {"fields": fields}})
    return out


def housing_downloads(monitor: HousingMonitor | None, licence: str) -> dict[str, str]:
    if monitor is None:
        return {}
    summary = monitor.summary
    progress = [p.model_dump(mode="json")
                for p in (*summary.national, *monitor.provinces, *monitor.municipalities)]
    years = [y.model_dump(mode="json") for y in summary.years]
    disagreements = [d.model_dump(mode="json") for d in monitor.disagreements]
    flat = [{**d, "values": "; ".join(f"{k}={v}" for k, v in d["values"].items())}
            for d in disagreements]
    whole = {"licence": licence, "monitor": summary.model_dump(mode="json"),
             "areas": progress[len(summary.national):], "disagreements": disagreements}
    return {"housing/progress.csv": to_csv(progress, PROGRESS),
            "housing/years.csv": to_csv(years, YEARS),
            "housing/disagreements.csv": to_csv(flat, DISAGREEMENTS),
            "housing/housing.json": json.dumps(whole, ensure_ascii=False, indent=1)}
