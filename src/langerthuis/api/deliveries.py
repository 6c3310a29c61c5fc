"""The delivery API in the OpenAPI document: the write operations
`POST /api/editor/editions/{edition_id}/{figures|stories|progress|initiatives|tables}` with
their request bodies (a CSV or Excel file made from the edition's template), their answers
(what was written; the per-row problem report; 401, 403, 404, 409) and the bearer-token
security scheme. The operations themselves are the editor's (editor/editions.py); this
module only describes them, so that a partner's developer can generate a client."""
from __future__ import annotations

from copy import deepcopy

from pydantic import BaseModel, Field

#: The kinds of delivery, with what a file of each holds.
KINDS = {
    "figures": "Figures (measurements) of the draft's indicators, one row per indicator, "
               "from the edition's template (sjabloon.csv).",
    "stories": "Stories of narrative indicators, one row per story (template verhalen.csv).",
    "progress": "Progress entries of the actions, one row per entry (template voortgang.csv).",
    "initiatives": "Local initiatives, one row per initiative (template initiatieven.csv).",
    "tables": "One breakdown table, from the template of that table (tabellen/<id>.csv).",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCHEME = "deliveryToken"


class Written(BaseModel):
    written: int = Field(description="How many records the file wrote into the draft")


class RowProblem(BaseModel):
    row: int | None = Field(description="The line in the file (1 is the header); null for "
                            "the file as a whole")
    column: str | None = Field(description="The column; null for the row as a whole")
    message: str = Field(description="What is wrong and how to put it right, in the "
                         "language of the monitor")


class ProblemBody(BaseModel):
    status: int
    message: str
    problems: list[RowProblem] = Field(default_factory=list, description=(
        "Every problem of the file, by row and column; nothing was written"))


class ProblemReport(BaseModel):
    error: ProblemBody


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _answer(description: str, schema: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def _operation(kind: str) -> dict:
    return {
        "tags": ["deliveries"],
        "operationId": f"deliver_{kind}",
        "summary": f"Deliver {kind} for a draft edition",
        "description": KINDS[kind] + " The whole file is checked first, with the rules "
        "`langerthuis check` holds the content to; nothing is written unless every row is "
        "right. Send the file as the body, as text/csv (UTF-8) or as an Excel workbook.",
        "security": [{SCHEME: []}],
        "parameters": [{"name": "edition_id", "in": "path", "required": True,
                        "description": "The id of the draft edition (lt-2022)",
                        "schema": {"type": "string", "maxLength": 64}}],
        "requestBody": {"required": True, "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}}}},
        "responses": {
            "200": _answer("The file was written into the draft", "Written"),
            "401": _answer("No valid token of scope 'deliveries' (or an account that may not "
                           "deliver)", "ProblemReport"),
            "403": _answer("The file delivers records the partner's organisation may not "
                           "change; the report names each row", "ProblemReport"),
            "404": _answer("No delivery of that kind", "ProblemReport"),
            "409": _answer("Someone else delivered the same record since the template was "
                           "made (its 'base' no longer matches), or the edition is not a "
                           "draft; nothing was written", "ProblemReport"),
            "413": _answer("The file is larger than a delivery may be", "ProblemReport"),
            "422": _answer("The file has problems; the report lists each with its row and "
                           "column, and nothing was written", "ProblemReport"),
        },
    }


def with_deliveries(document: dict) -> dict:
    """`document` (an OpenAPI document of the read API) with the delivery operations and
    their security scheme."""
    out = deepcopy(document)
    components = out.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for model in (Written, RowProblem, ProblemBody, ProblemReport):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    components.setdefault("securitySchemes", {})[SCHEME] = {
        "type": "http", "scheme": "bearer", "bearerFormat": "lt_…",
        "description": "An API token of scope 'deliveries', made by an editor or partner "
                       "on the token page of the editor (/beheer/tokens) or with "
                       "`langerthuis tokens create`."}
    for kind in KINDS:
        out["paths"][f"/api/editor/editions/{{edition_id}}/{kind}"] = {"post": _operation(kind)}
    tags = out.setdefault("tags", [])
    if not any(t.get("name") == "deliveries" for t in tags):
        tags.append({"name": "deliveries", "description": "Machine deliveries into a draft "
                     "edition, with a token (see /api/editor/editions/...)."})
    return out
