"""A large Wikidata-like dump in gzipped N-Triples, to try an engine at scale (docs/scale.md).

Item ``Q{n}`` for n = 1..N gets ten statements: an English label, an instance-of
(P31) among 50 classes, a country (P17) among the first 250 items, an inception
date (P571), a population (P1082), a "part of" (P361) and a "shares border with"
(P47) link to other items, an ISO-like code (P297), a described-at URL (P973) and a
``schema:description``. With N of 900 or more the items include the Wikidata IRIs the nations
match (``skos:exactMatch``), so a query can join the two. Streams; stdlib only.

    python bench/wikidump.py --items 1000000 -o /tmp/dump/wikidata-like.nt.gz
"""

from __future__ import annotations

import argparse
import gzip
import random

WD = "http://www.wikidata.org/entity/Q"
WDT = "http://www.wikidata.org/prop/direct/"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DESCRIPTION = "<http://schema.org/description>"
DATE = "http://www.w3.org/2001/XMLSchema#date"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def statements(n: int, rng: random.Random, items: int) -> str:
    """The ten N-Triples lines about item ``n``."""
    s = f"<{WD}{n}>"
    year = rng.randint(1000, 2024)
    return (
        f'{s} {LABEL} "Item {n}"@en .\n'
        f"{s} <{WDT}P31> <{WD}{rng.randint(1, 50) * 7919}> .\n"
        f"{s} <{WDT}P17> <{WD}{rng.randint(1, 250)}> .\n"
        f'{s} <{WDT}P571> "{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"^^<{DATE}> .\n'
        f'{s} <{WDT}P1082> "{rng.randint(0, 10**8)}"^^<{INTEGER}> .\n'
        f"{s} <{WDT}P361> <{WD}{rng.randint(1, items)}> .\n"
        f"{s} <{WDT}P47> <{WD}{rng.randint(1, items)}> .\n"
        f'{s} <{WDT}P297> "C{n:07d}" .\n'
        f"{s} <{WDT}P973> <https://example.org/item/{n}> .\n"
        f'{s} {DESCRIPTION} "generated item number {n}, founded {year}"@en .\n'
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000, help="items; ten triples each")
    parser.add_argument("-o", "--output", required=True, help="the .nt.gz file to write")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with gzip.open(args.output, "wt", encoding="utf-8", compresslevel=1) as out:
        batch = []
        for n in range(1, args.items + 1):
            batch.append(statements(n, rng, args.items))
            if len(batch) == 10_000:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))
    print(f"wrote {args.items * 10} triples to {args.output}")


if __name__ == "__main__":
    main()
