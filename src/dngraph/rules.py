"""OWL 2 RL entailments by rules run inside pyoxigraph, the default reasoner.

Each rule of the OWL 2 RL/RDF rule tables (OWL 2 Profiles, section 4.3,
https://www.w3.org/TR/owl2-profiles/#Reasoning_in_OWL_2_RL_and_RDF_Graphs_using_Rules)
that the ontology can need is a SPARQL update in ``sparql/rules/`` named after
it: class and property hierarchies and equivalences (cax-sco, cax-eqc1/2,
prp-spo1, prp-eqp1/2 and the scm-* schema rules), domain and range (prp-dom,
prp-rng), inverse, symmetric and transitive properties (prp-inv1/2, prp-symp,
prp-trp), property chains of two or three properties (prp-spo2), functional and
inverse-functional properties (prp-fp, prp-ifp) and owl:sameAs (eq-sym,
eq-trans, eq-rep-s/p/o). The updates run over the default graph until a round
adds nothing (a fixpoint), in :data:`ORDER`, where each rule's conclusions feed
the rules after it: the schema closed first (chains of subclasses and subproperties
followed whole), property rules before the domain, range and class rules that read
their conclusions (prp-spo1 again after the inverse and symmetric rules, which feed it
and are fed by it), owl:sameAs last. The order changes only how many rounds the
fixpoint takes: on the shipped and generated graphs one round finds everything and a
second confirms it. After its first run a rule runs again only when a run since has
added a statement it can read, and an INSERT runs only when an ASK finds it would add
something (:mod:`dngraph.fixpoint`), so the confirming round runs only the few rules
that read what the first round added, and only their ASKs. Trivial conclusions
(eq-ref's ``x owl:sameAs x``, scm-cls's ``c rdfs:subClassOf c``) are not stored. The rules that detect an
inconsistency live in ``sparql/clashes/`` (see :mod:`dngraph.clashes`).

owlrl (:mod:`dngraph.reason`) is the reference: a test holds these rules to
owlrl's data-level entailments on the shipped graph and on generated ones.
"""

from __future__ import annotations

from pathlib import Path

from .errors import LoadError
from .namespaces import INFERRED_GRAPH, ONTOLOGY_IRI

_SPARQL = Path(__file__).parent / "sparql"
# Bound by the caller so the bundled updates name the build's graphs without
# spelling their IRIs (which live in namespaces.py).
_PREFIXES = {"inferred": INFERRED_GRAPH, "ontology": ONTOLOGY_IRI}


ORDER = ("scm-sco", "scm-spo", "prp-eqp", "prp-spo2", "prp-trp", "prp-spo1", "prp-inv", "prp-symp",
         "prp-spo1", "prp-dom", "prp-rng", "cax-eqc", "cax-sco", "prp-fp", "prp-ifp", "eq-sym", "eq-rep")


def rule_texts() -> dict[str, str]:
    """The entailment rules, by name."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((_SPARQL / "rules").glob("*.rq"))}


def ordered_rules() -> list[str]:
    """The rules of one round: every rule in :data:`ORDER`, any rule it does not name after them."""
    return list(ORDER) + [name for name in rule_texts() if name not in ORDER]


def rule_closure(store, max_rounds: int = 1000) -> int:
    """Add what the rules entail from the default graph of ``store`` to it, round
    by round until a round adds nothing; returns the number of rounds run."""
    from .fixpoint import Schedule, rule_parts

    chains = list(store.query(_read("long-chains.rq")))
    if chains:
        raise LoadError(ONTOLOGY_IRI, f"property chain of more than three properties on {chains[0]['p']}: "
                        "use --reasoner owlrl")
    texts = rule_texts()
    steps = [(name, rule_parts(texts[name])) for name in ordered_rules()]
    schedule = Schedule(store)
    for rounds in range(1, max_rounds + 1):
        grown = False
        for name, parts in steps:
            if not schedule.due(name):
                continue
            added = False
            for update, adds in parts:
                if store.query(adds):
                    store.update(update)
                    added = True
            schedule.ran(name, added)
            grown |= added
        if not grown:
            return rounds
    raise RuntimeError(f"no fixpoint after {max_rounds} rounds")


def separate_inferred(store) -> None:
    """Move what no source states from the default graph to ``INFERRED_GRAPH``, so
    the default graph is again the merge of the asserted graphs."""
    store.update(_read("move-inferred.rq"), prefixes=_PREFIXES)


def add_provenance_and_merge(store) -> None:
    """Give every IRI subject of a source graph ``dcterms:source`` that graph, and
    make the default graph the RDF merge of all asserted graphs (load.py's pattern)."""
    store.update(_read("provenance-and-merge.rq"), prefixes=_PREFIXES)


def _read(name: str) -> str:
    return (_SPARQL / name).read_text(encoding="utf-8")
