"""The JSON-LD export's JSON writer gives the bytes json.dumps(indent=2) gives, keys in
reading order (id, type, label, then alphabetically)."""

from __future__ import annotations

import json

from dngraph.jsonldtext import _ordered, ordered_json

DOCUMENT = {
    "@graph": [
        {"startDate": "2020-11-17", "label": {"en": "Snow \u2603 \"quoted\"\n", "fr": "été"}, "id": "nation/ca",
         "type": ["Nation", "Member"], "Zeta": [], "alpha": {}, "count": 9, "none": None, "yes": True, "no": False,
         "member": [{"id": "_:c14n0", "during": {"type": "Interval", "begin": -12}}], "tab\there": "\u0001"},
        [], {}, "text", 0,
    ],
}


def test_the_bytes_of_json_dumps_with_ordered_keys():
    expected = json.dumps(_ordered(DOCUMENT), indent=2, ensure_ascii=False)
    assert ordered_json(DOCUMENT) == expected
    assert expected.index('"id"') < expected.index('"type"') < expected.index('"label"') < expected.index('"alpha"')


def test_values_it_does_not_write_itself_go_to_json_dumps():
    for value in ({"x": 1.5, "b": float("inf")}, [1.0], {"n": float("nan")}):
        assert ordered_json(value) == json.dumps(_ordered(value), indent=2, ensure_ascii=False)
