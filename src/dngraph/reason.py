"""Entailments of ontology plus data under the OWL 2 RL rules.

Reasoning is one replaceable step: a function from the asserted graph to the
triples it entails. The reference is owlrl, which implements the rule tables of
OWL 2 Profiles, section 4.3 (https://www.w3.org/TR/owl2-profiles/#OWL_2_RL),
including the rules that detect inconsistency (eq-diff1, prp-pdw, cax-dw,
cls-nothing2 and the like).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .namespaces import OWL, RDF

# owlrl reports inconsistencies as triples in this namespace (owlrl/Namespaces.py).
_OWLRL_ERRORS = "http://www.daml.org/2002/03/agents/agent-ont#"


@dataclass
class Closure:
    """What reasoning added to a graph, and the inconsistencies it found."""

    inferred: object  # rdflib.Graph
    inconsistencies: list[str] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        return not self.inconsistencies


def owlrl_closure(asserted) -> Closure:
    """The OWL RL closure of ``asserted`` (an rdflib Graph), minus what was asserted.

    ``asserted`` is not modified. Triples with a literal in subject position
    (from datatype rules) are dropped: RDF cannot state them; so are the
    reflexive ``x owl:sameAs x`` of rule eq-ref.
    """
    import owlrl
    import rdflib

    work = rdflib.Graph()
    for triple in asserted:
        work.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(work)
    error_type = rdflib.URIRef(_OWLRL_ERRORS + "ErrorMessage")
    error_text = rdflib.URIRef(_OWLRL_ERRORS + "error")
    messages = sorted(str(m) for m in work.objects(None, error_text))
    nothing, same = rdflib.URIRef(OWL.Nothing), rdflib.URIRef(OWL.sameAs)
    messages += [f"{s} is inferred to be an owl:Nothing"
                 for s in sorted(set(work.subjects(rdflib.URIRef(RDF.type), nothing)))]
    errors = set(work.subjects(rdflib.URIRef(RDF.type), error_type))
    inferred = rdflib.Graph()
    for triple in work:
        s = triple[0]
        if triple in asserted or isinstance(s, rdflib.Literal) or s in errors:
            continue
        if triple[1] == same and triple[2] == s:
            continue  # eq-ref: trivially true of everything, noise when stored
        inferred.add(triple)
    return Closure(inferred, messages)
