"""What the tagged PDF of WeasyPrint leaves out for assistive technology, added afterwards
with pikepdf: the scope of every header cell (/Scope /Column in a table's head and where
the cell heads a column, /Row where it heads its row, as the HTML's `scope` says), and the
running headers and page numbers marked as pagination artifacts (WeasyPrint marks their
content as content that no structure element holds, so a reader reads it out on every
page)."""
from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, Array) else [kids]
    return [k for k in items if isinstance(k, Dictionary) and k.get("/Type") not in
            (Name.MCR, Name.OBJR)]


def _structure(root: pikepdf.Object) -> list[pikepdf.Object]:
    """Every structure element of the tree, in reading order."""
    found, todo = [], list(reversed(_kids(root)))
    while todo:
        element = todo.pop()
        found.append(element)
        todo.extend(reversed(_kids(element)))
    return found


def _scope(cell: pikepdf.Object) -> Name:
    row = cell.get("/P")
    group = row.get("/P") if row is not None else None
    if group is not None and group.get("/S") == Name("/THead"):
        return Name("/Column")
    cells = _kids(row) if row is not None else []
    first = bool(cells) and cells[0].objgen == cell.objgen
    return Name("/Row") if first else Name("/Column")


def _add_scopes(elements: list[pikepdf.Object]) -> None:
    for cell in elements:
        if cell.get("/S") != Name("/TH"):
            continue
        attributes = cell.get("/A")
        if not isinstance(attributes, Dictionary) or attributes.get("/O") != Name("/Table"):
            attributes = Dictionary(O=Name("/Table"))
            cell.A = attributes
        attributes.Scope = _scope(cell)


def _mark_artifacts(pdf: pikepdf.Pdf, reachable: set[tuple[int, int]]) -> None:
    """Marked content whose structure element is not in the tree becomes an artifact."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    per_page = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for number, page in enumerate(pdf.pages):
        owners = per_page.get(number)
        if not isinstance(owners, Array):
            continue
        loose = {mcid for mcid, owner in enumerate(owners)
                 if isinstance(owner, Dictionary) and owner.objgen not in reachable}
        if not loose:
            continue
        commands = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if (str(operator) == "BDC" and len(operands) == 2
                    and isinstance(operands[1], Dictionary)
                    and int(operands[1].get("/MCID", -1)) in loose):
                operands = [Name.Artifact, Dictionary(Type=Name.Pagination)]
            commands.append(pikepdf.ContentStreamInstruction(operands, operator))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(commands))
        for mcid in loose:
            owners[mcid] = pikepdf.Object.parse(b"null")


def finish(document: bytes) -> bytes:
    """The PDF with header scopes and pagination artifacts added."""
    with pikepdf.open(io.BytesIO(document)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return document
        elements = _structure(root)
        _add_scopes(elements)
        _mark_artifacts(pdf, {e.objgen for e in elements})
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
