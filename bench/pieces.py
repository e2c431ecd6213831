"""The pieces a generated source document is made of, one "unit" (a summit and what came of it) at a time.

Each piece writes into one file everything it mentions, typed and labelled, as
docs/modelling.md asks of a source file: the summit (host, chair, dates,
participants, chair term, memberships attested) with its declaration
(signatories, principles as SKOS concepts), a working group (lead, chair, members, report),
an initiative with its target, and now and then a revised charter.
"""

from __future__ import annotations

from .turtle import TurtleFile, iri, text, typed
from .world import FORUM, THEMES_SCHEME, World, theme_block, theme_scheme

GIVEN = ["Ana", "Ben", "Chloé", "Dev", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kai", "Lea"]
FAMILY = ["Arden", "Brook", "Castell", "Duarte", "Eklund", "Ferrer", "Grant", "Holm", "Ilves", "Jansen"]
KINDS = ["dn:Strategy", "dn:Service", "dn:Programme", "dn:Standard", "dn:Reform"]


class Unit:
    """The facts of one summit, spread over several pieces written into one file."""

    def __init__(self, number: int, world: World, rng, doc: TurtleFile):
        self.n, self.world, self.doc = number, world, doc
        self.year = 2000 + number % 25
        self.start = f"{self.year}-{1 + number % 12:02d}-{1 + number % 27:02d}"
        self.days = 1 + number % 3
        self.end = f"{self.year}-{1 + number % 12:02d}-{number % 27 + self.days:02d}"
        count = min(len(world.nations), 3 + rng.randrange(6))
        self.participants = rng.sample(world.nations, count)
        self.host = self.participants[0]
        self.themes = rng.sample(world.themes, 2)
        self.summit = iri(f"summit/s{number}")

    def pieces(self):
        steps = [self.initiative_piece, self.summit_piece, self.working_group_piece]
        if self.n % 7 == 6:
            steps.append(self.charter_piece)
        return steps

    # things mentioned by several pieces: typed and labelled once per file
    def once(self, subject: str, pairs) -> str:
        if subject not in self.doc.subjects:
            self.doc.thing(subject, pairs)
        return subject

    def nation(self, nation) -> str:
        return self.once(nation.iri, [("a", "dn:Nation"), ("rdfs:label", text(nation.name))])

    def theme(self, index: int) -> str:
        slug, label = self.themes[index]
        if THEMES_SCHEME not in self.doc.subjects:
            theme_scheme(self.doc)
        if iri(f"theme/{slug}") not in self.doc.subjects:
            theme_block(self.doc, slug, label)
        return iri(f"theme/{slug}")

    def government(self, nation) -> str:
        return self.once(iri(f"organization/government-of-{nation.code.lower()}"), [
            ("a", "dn:GovernmentOrganization"),
            ("rdfs:label", text(f"Government of {nation.name}")),
            ("dn:nation", self.nation(nation)),
        ])

    def service(self, nation) -> str:
        return self.once(iri(f"organization/{nation.code.lower()}-digital-service"), [
            ("a", "dn:DigitalServiceUnit"),
            ("rdfs:label", text(f"{nation.name} Digital Service")),
            ("dn:nation", self.nation(nation)),
            ("org:subOrganizationOf", self.government(nation)),
        ])

    def person(self, slug: str, nation, title: str) -> str:
        person, post = iri(f"person/{slug}"), iri(f"post/{slug}-{nation.code.lower()}")
        name = f"{GIVEN[self.n % len(GIVEN)]} {FAMILY[(self.n + len(slug)) % len(FAMILY)]}"
        self.doc.thing(person, [("a", "dn:Person"), ("rdfs:label", text(name)),
                                ("foaf:name", text(name)), ("org:holds", post)])
        self.doc.thing(post, [
            ("a", "dn:Post"), ("rdfs:label", text(f"{title} of {nation.name}")),
            ("org:postIn", self.government(nation)), ("dn:nation", self.nation(nation)),
            ("org:heldBy", person), ("dn:attestedOn", typed(self.start, "date")),
        ])
        return person

    def summit_piece(self) -> None:
        chair = self.person(f"p{self.n}-chair", self.host, "Minister for Digital Government")
        for nation in self.participants:
            self.nation(nation)
            self.once(nation.membership, [
                ("a", "dn:ForumMembership"), ("rdfs:label", text(f"Membership of {nation.name}")),
                ("dn:memberNation", nation.iri), ("org:organization", FORUM),
                ("org:role", "dn:ForumMember"), ("dn:attestedOn", typed(self.start, "date")),
            ])
        self.doc.thing(self.summit, [
            ("a", "dn:MinisterialSummit"), ("rdfs:label", text(f"Ministerial summit {self.n + 1}")),
            ("dn:year", typed(self.year, "gYear")), ("dn:ordinal", typed(self.n + 1, "positiveInteger")),
            ("schema:startDate", typed(self.start, "date")), ("schema:endDate", typed(self.end, "date")),
            ("dn:durationDays", typed(self.days, "positiveInteger")),
            ("dn:host", self.host.iri), ("dn:chair", chair), ("dn:theme", self.theme(0)),
            ("schema:eventAttendanceMode", "schema:OfflineEventAttendanceMode"),
            ("schema:location", self.host.iri),
            ("dn:participant", [n.iri for n in self.participants]),
            ("dn:outcome", iri(f"declaration/d{self.n}")),
        ])
        self.declaration()
        term = iri(f"chair-term/t{self.n}")
        self.doc.thing(term, [
            ("a", "dn:ChairTerm"), ("rdfs:label", text(f"Chair term {self.n + 1} of {self.host.name}")),
            ("dn:chairNation", self.host.iri), ("org:organization", FORUM), ("org:role", "dn:ForumChair"),
            ("dn:year", typed(self.year, "gYear")), ("dn:assumedChairAt", self.summit),
        ])

    def principles(self, prefix: str, count: int) -> list:
        scheme = iri(f"scheme/{prefix}-principles")
        self.doc.thing(scheme, [("a", "skos:ConceptScheme"), ("rdfs:label", text(f"Principles of {prefix}"))])
        found = []
        for j in range(count):
            label = f"principle {j + 1} of {prefix}"
            found.append(iri(f"principle/{prefix}-{j + 1}"))
            self.doc.thing(found[-1], [
                ("a", "dn:Principle"), ("rdfs:label", text(label)), ("skos:prefLabel", text(label)),
                ("skos:definition", text(f"Members commit to shared practice number {j + 1}.")),
                ("skos:inScheme", scheme),
            ])
        return found

    def declaration(self) -> None:
        principles = self.principles(f"d{self.n}", 3)
        self.doc.thing(iri(f"declaration/d{self.n}"), [
            ("a", "dn:Declaration"), ("dcterms:title", text(f"Declaration of summit {self.n + 1}")),
            ("rdfs:label", text(f"Declaration of summit {self.n + 1}")),
            ("dcterms:date", typed(self.end, "date")), ("dn:signedAt", self.summit),
            ("dn:signatory", [self.nation(n) for n in self.participants]),
            ("dn:principle", principles), ("dn:topic", self.theme(1)),
        ])

    def working_group_piece(self) -> None:
        lead = self.participants[-1]
        group, report = iri(f"working-group/g{self.n}"), iri(f"publication/r{self.n}")
        chair = self.person(f"p{self.n}-lead", lead, "Chief Digital Officer")
        self.doc.thing(group, [
            ("a", "dn:WorkingGroup"), ("rdfs:label", text(f"Working group {self.n + 1}")),
            ("org:subOrganizationOf", FORUM), ("dn:topic", self.theme(1)),
            ("dn:leadNation", self.nation(lead)), ("dn:chair", chair),
            ("org:hasMember", [self.nation(n) for n in self.participants[1:]]), ("dn:output", report),
        ])
        self.doc.thing(report, [
            ("a", "dn:Report"), ("dcterms:title", text(f"Report of working group {self.n + 1}")),
            ("rdfs:label", text(f"Report of working group {self.n + 1}")),
            ("dcterms:date", typed(self.end, "date")), ("dn:producedBy", group),
        ])

    def initiative_piece(self) -> None:
        nation = self.participants[self.n % len(self.participants)]
        initiative, target = iri(f"initiative/i{self.n}"), iri(f"target/i{self.n}")
        self.doc.thing(initiative, [
            ("a", KINDS[self.n % len(KINDS)]), ("rdfs:label", text(f"Initiative {self.n + 1} of {nation.name}")),
            ("dcterms:description", text("A national programme to improve public services online.")),
            ("dn:nation", self.nation(nation)), ("dn:responsibleOrganization", self.service(nation)),
            ("dn:topic", self.theme(0)), ("dn:hasTarget", target),
        ])
        self.doc.thing(target, [
            ("a", "dn:Target"), ("rdfs:label", text(f"Target of initiative {self.n + 1}")),
            ("dn:indicator", text("share of services online")),
            ("dn:targetValue", typed(f"{50 + self.n % 50}.5", "decimal")),
            ("dn:targetUnit", text("percent")), ("dn:targetYear", typed(self.year + 5, "gYear")),
        ])

    def charter_piece(self) -> None:
        charter = iri(f"charter/c{self.n}")
        pairs = [
            ("a", "dn:Charter"), ("dcterms:title", text(f"Charter revision {self.n + 1}")),
            ("rdfs:label", text(f"Charter revision {self.n + 1}")), ("dcterms:date", typed(self.start, "date")),
            ("dn:signedAt", self.summit), ("dn:signatory", [self.nation(n) for n in self.participants]),
            ("dn:principle", self.principles(f"c{self.n}", 2)),
        ]
        if self.n >= 7:
            previous = iri(f"charter/c{self.n - 7}")
            self.once(previous, [("a", "dn:Charter"), ("rdfs:label", text(f"Charter revision {self.n - 6}"))])
            pairs.append(("dn:revisionOf", previous))
        self.doc.thing(charter, pairs)
