"""Pieces every app's API router uses."""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

from fabriek.core.pagination import MAX_PAGE


class PageNumberPagination(NinjaPageNumberPagination):
    """ninja's page numbers, bounded like the pages' (a 20-digit page overflowed the database's offset)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=100)


#: A record's id in a path or query parameter: what the database's 64-bit keys can hold, so a 20-digit id
#: is a 422 naming the parameter rather than an overflow in the query.
RecordId = Annotated[int, Field(ge=1, le=2**63 - 1)]
