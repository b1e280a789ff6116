"""Facts the knowledge base adds to what an article names (any language): memberships of the
countries and organizations named together, the country of a city, the offices of a person
on the article's date. Their rules are ``kb.*``, so nobody mistakes them for statements of the text.
"""
from __future__ import annotations

from ..model import Evidence, Relation
from .context import Context

__all__ = ["kb_relations"]


def kb_relations(ctx: Context) -> None:
    """Membership and location the knowledge base knows, for entities the article names.

    The evidence is the sentence that names both (else the first naming the
    organization or city), with the rule ``kb.*`` so nobody mistakes it for a
    statement of the text.
    """
    first: dict[str, tuple] = {}
    together: dict[tuple[str, str], tuple] = {}
    by_sent: dict[int, set[str]] = {}
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        s = ctx.sents[m.sent]
        first.setdefault(m.entity, (s, m.start, m.end))
        by_sent.setdefault(m.sent, set()).add(m.entity)
    for i, ents in by_sent.items():
        for a in ents:
            for b in ents:
                together.setdefault((a, b), (ctx.sents[i],))
    present = set(first)
    for eid in sorted(present):
        entry = ctx.kb.get(eid)
        if entry is None:
            continue
        if entry.type == "Organization":
            for c in entry.attrs.get("members", ()):
                if c in present:
                    s, a, b = first[eid]
                    if (c, eid) in together:
                        s = together[(c, eid)][0]
                        a, b = s.start, s.end
                    ctx.relations.append(Relation(c, "memberOf", eid, evidence=(
                        Evidence(ctx.article.id, s.text, a, b, "kb.membership"),)))
        elif entry.type == "City":
            c = entry.attrs.get("country")
            if c:
                s, a, b = first[eid]
                ctx.relations.append(Relation(eid, "locatedIn", c, evidence=(
                    Evidence(ctx.article.id, s.text, a, b, "kb.located_in"),)))
                if c not in present:
                    centry = ctx.kb.get(c)
                    if centry is not None:
                        ctx.table.add_linked(centry, Evidence(ctx.article.id, s.text, a, b, "kb.located_in"),
                                             centry.name_ru)
        elif entry.type == "Person" and ctx.article.date:
            # only for dated articles: an undated one could be from any era
            for o in ctx.kb.offices_of(eid, ctx.article.date):
                if o.of in present and o.of not in ctx.roles.get(eid, ()):
                    s, a, b = first[eid]
                    ctx.relations.append(Relation(eid, "leaderOf", o.of, start_date=o.start, end_date=o.end,
                                                  evidence=(Evidence(ctx.article.id, s.text, a, b, "kb.office"),)))
                    ctx.roles.setdefault(eid, set()).add(o.of)
                    ctx.table.set_type(eid, "Leader")
