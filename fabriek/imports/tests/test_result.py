import pytest

from fabriek.imports.results import ImportResult
from fabriek.imports.tests.helpers import run
from fabriek.programmes.models import Programme


def test_the_result_as_a_dict_is_what_the_api_returns(programme: Programme) -> None:
    result = run(programme, "companies", "kvk_number,name,notes\n1234567A,A BV,x\n", dry_run=True)

    assert result.as_dict() == {
        "kind": "companies",
        "file": "companies.csv",
        "dry_run": True,
        "applied": False,
        "rows": 1,
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "errors": [
            {
                "file": "companies.csv",
                "line": 2,
                "column": "kvk_number",
                "value": "1234567A",
                "message": "1234567A is not a KvK number (8 digits)",
                "text": "companies.csv:2:kvk_number: 1234567A is not a KvK number (8 digits)",
            }
        ],
        "warnings": [
            {
                "file": "companies.csv",
                "line": 1,
                "column": "notes",
                "value": "notes",
                "message": "this column is not used; its values are ignored",
                "text": "companies.csv:1:notes: this column is not used; its values are ignored",
            }
        ],
    }
    assert ImportResult.from_dict(result.as_dict()) == result


def test_an_unknown_kind_is_a_programming_error(programme: Programme) -> None:
    with pytest.raises(ValueError, match="unknown kind 'people'"):
        run(programme, "people", "kvk_number\n")
