"""Importing a spreadsheet over the API: the same service as the command and the upload page, staff only.

    POST /api/v1/programmes/{programme}/imports/{kind}              multipart/form-data, field "file"
    POST /api/v1/programmes/{programme}/imports/{kind}?dry_run=true

The answer is the import's result (`ImportResult.as_dict()`): 200 when the file has no error (with
`dry_run` nothing is written and the counts say what would change), 422 with every error, and a `detail`
that says so, when it has any; then nothing is written. The file is checked and imported within the
request; for very big files the upload page, which shows progress, is the better way in. A file larger than
the upload page accepts (`MAX_UPLOAD_BYTES`) is refused with 422 before it is read.
"""

from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from fabriek.accounts.api_auth import WRITE_ERROR_RESPONSES, ValidationErrorOut, api_rule, caller
from fabriek.accounts.models import Role
from fabriek.imports import services
from fabriek.imports.columns import Kind
from fabriek.imports.forms import MAX_UPLOAD_BYTES

router = Router(tags=["imports"])

IMPORTERS = [Role.STAFF]


class MessageOut(Schema):
    """One error or warning, with its place in the file."""

    file: str
    line: int = Field(description="The file's line number; the header is line 1.")
    column: str = Field(description="The header as written in the file; empty for the line or file as a whole.")
    value: str
    message: str
    text: str = Field(description="file:line:column: message, ready to show.")


class ImportResultOut(Schema):
    kind: Kind
    file: str
    dry_run: bool
    applied: bool = Field(description="Whether the records were written.")
    rows: int
    created: int
    updated: int
    unchanged: int
    errors: list[MessageOut]
    warnings: list[MessageOut]


class ImportRefusedOut(ImportResultOut):
    """A file with errors: every error is listed and nothing was written."""

    detail: str


@router.post(
    "/imports/{kind}",
    response={**WRITE_ERROR_RESPONSES, 200: ImportResultOut, 422: ImportRefusedOut | ValidationErrorOut},
    operation_id="import_file",
)
@api_rule(IMPORTERS)
def import_file(
    request: HttpRequest,
    kind: Kind,
    file: File[UploadedFile],
    dry_run: bool = False,
) -> Status[dict[str, object]]:
    """Import a .csv or .xlsx file of companies, participations or observations (figures), all or nothing.

    With `dry_run=true` nothing is written and the counts say what would be created, updated or left
    unchanged. Errors and warnings name the file, line and column, in the caller's language."""
    membership = caller(request)
    # The same cap as the upload page, since the import holds the whole file in memory: refused on its
    # declared size before reading, and never read beyond the cap.
    if (file.size or 0) > MAX_UPLOAD_BYTES:
        return _too_big(file.size or 0)
    content = file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        return _too_big(max(file.size or 0, len(content)))
    result = services.import_file(
        programme=membership.programme,
        kind=kind,
        filename=file.name or f"{kind}.csv",
        content=content,
        actor=request.user,
        dry_run=dry_run,
    )
    body: dict[str, object] = result.as_dict()
    if not result.ok:
        detail = ngettext(
            "The file has %(count)d error; nothing was imported.",
            "The file has %(count)d errors; nothing was imported.",
            len(result.errors),
        ) % {"count": len(result.errors)}
        return Status(422, {"detail": detail, **body})
    return Status(200, body)


def _too_big(size: int) -> Status[dict[str, object]]:
    message = _("The file is %(size)s; the largest file that can be imported is %(max)s.") % {
        "size": filesizeformat(size),
        "max": filesizeformat(MAX_UPLOAD_BYTES),
    }
    return Status(422, {"detail": message, "errors": {"file": [message]}})
