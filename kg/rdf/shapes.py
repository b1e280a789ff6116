"""The SHACL shapes of the exports: a hand-written part and the shapes of the event kinds,
made from the table of :mod:`kg.kinds`.

``ontology/shapes.ttl`` is published whole: its hand-written shapes (entities, events in
general, provenance), then, after :data:`MARKER`, the kind shapes this module writes. A kind
added to the table gets its shapes here without editing Turtle by hand:

* ``dipsh:Kind-<Name>``: the kind's superclasses are materialised (``sh:class``);
* ``dipsh:Participants-<Name>``: a kind that needs several named participants (talks: two)
  has them when it happened, unless marked ``dip:participantsIncomplete``;
* ``dipsh:MetWith``: ``dip:metWith`` comes from a shared happened event of a met-with kind.

:func:`shapes_graph` is what ``kg validate`` checks against: the hand-written part of the
published file and the kind shapes of the table as it is now. ``python -m kg.rdf.shapes
--write`` rewrites the published file after the table changed (a test checks it is current).
"""
from __future__ import annotations

import argparse
import sys

from rdflib import Graph

from .. import kinds
from ..atomic import write_atomic
from ..vocab import ontology_file

__all__ = ["MARKER", "kind_shapes", "published_text", "shapes_graph"]

MARKER = "# ---------------------------------------------------------------- event kinds (generated)"
_NOTE = ("# Made from the table of kg/kinds.py by `python -m kg.rdf.shapes --write`; edit the table, not these lines.\n"
         "# Составлено по таблице kg/kinds.py; правьте таблицу, а не эти строки.\n")


def kind_shapes() -> str:
    """Turtle of the shapes of every event kind in the table (prefixes of ``shapes.ttl``)."""
    rows = list(kinds.KINDS.values())
    out = [MARKER, _NOTE]
    for k in rows:
        sups = " , ".join(f"dip:{s}" for s in k.superclasses)
        out.append(f"dipsh:Kind-{k.name} a sh:NodeShape ;\n    rdfs:label \"{k.label_en}\"@en , \"{k.label_ru}\"@ru ;\n"
                   f"    sh:targetClass dip:{k.name} ;\n    sh:class {sups} .\n")
    for k in rows:
        if k.min_participants > 1:
            out.append(
                f"dipsh:Participants-{k.name} a sh:NodeShape ;\n"
                f"    rdfs:comment \"A {k.label_en} that happened names at least {k.min_participants} participants; "
                f"a planned, cancelled or denied one may name fewer.\"@en ;\n"
                f"    sh:targetClass dip:{k.name} ;\n"
                f"    sh:or ( [ sh:path dip:participant ; sh:minCount {k.min_participants} ]\n"
                f"            [ sh:path dip:status ; sh:in ( \"planned\" \"cancelled\" \"denied\" ) ]\n"
                f"            [ sh:path dip:participantsIncomplete ; sh:hasValue true ] ) ;\n"
                f"    sh:message \"a {k.label_en} that happened needs at least {k.min_participants} participants, "
                f"or is marked dip:participantsIncomplete\" .\n")
    met = ", ".join(f"dip:{k}" for k in kinds.met_with_kinds())
    out.append(
        "dipsh:MetWith a sh:NodeShape ;\n"
        "    sh:targetClass dip:Person ;\n"
        "    sh:sparql [ a sh:SPARQLConstraint ;\n"
        "        sh:message \"dip:metWith comes from a shared event of a met-with kind that happened\" ;\n"
        "        sh:prefixes dipsh: ;\n"
        "        sh:select \"\"\"SELECT $this ?value WHERE { $this dip:metWith ?value .\n"
        "            FILTER NOT EXISTS { ?e dip:participant $this , ?value ; dip:status \"happened\" ; a ?kind .\n"
        f"                                FILTER (?kind IN ({met})) }} }}\"\"\" ] .\n")
    return "\n".join(out)


def _hand_written() -> str:
    text = ontology_file("shapes.ttl").read_text(encoding="utf-8")
    return text.split(MARKER, 1)[0].rstrip("\n") + "\n\n"


def published_text() -> str:
    """What ``ontology/shapes.ttl`` holds when it is current: the hand-written part, then the kind shapes."""
    return _hand_written() + kind_shapes()


def shapes_graph() -> Graph:
    """The shapes ``kg validate`` checks: the published hand-written part and the current table's kind shapes."""
    return Graph().parse(data=published_text(), format="turtle")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m kg.rdf.shapes", description=__doc__.split("\n\n")[0])
    p.add_argument("--write", action="store_true", help="rewrite ontology/shapes.ttl from the kind table")
    args = p.parse_args(argv)
    if args.write:
        write_atomic(ontology_file("shapes.ttl"), published_text())
    else:
        sys.stdout.write(kind_shapes())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
