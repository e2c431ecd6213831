"""An external dump to link against: Wikidata-style statements about the nations of a root.

``dngraph link`` (where the command exists) reads a dump of another dataset and
links its things to the graph's. This writes one in N-Triples: for each nation
of the root (by its ``skos:exactMatch`` Wikidata item), a label, its ISO 3166-1
alpha-2 code (Wikidata property P297) and a few more statements, so the dump
grows with the graph.
"""

from __future__ import annotations

import re
from pathlib import Path

WIKIDATA = re.compile(r"<(http://www\.wikidata\.org/entity/Q[0-9]+)>")
CODE = re.compile(r'dn:iso3166Alpha2 "([A-Z]{2})"')


def write_dump(root: Path, out: Path) -> int:
    """Write the dump for ``root`` into ``out``; return its number of triples."""
    lines = []
    for path in sorted((root / "data").rglob("*.ttl")):
        text = path.read_text(encoding="utf-8")
        for item, code in zip(WIKIDATA.findall(text), CODE.findall(text)):
            lines += [
                f'<{item}> <http://www.w3.org/2000/01/rdf-schema#label> "{code} (Wikidata)"@en .',
                f'<{item}> <http://www.wikidata.org/prop/direct/P297> "{code}" .',
                f'<{item}> <http://www.wikidata.org/prop/direct/P31> <http://www.wikidata.org/entity/Q6256> .',
            ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)
