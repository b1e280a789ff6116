"""Plain functions behind ``kg kb lookup`` and ``kg kb stats`` (the CLI prints their lines)."""
from __future__ import annotations

from kg.kb import KnowledgeBase, load

__all__ = ["lookup_lines", "stats_lines"]


def lookup_lines(name: str, kb: KnowledgeBase | None = None) -> list[str]:
    """Every entry matching ``name``, best first: id, Wikidata id, English name, why it matched."""
    kb = kb or load()
    ranked = kb.rank(kb.lookup(name))
    if not ranked:
        return [f"no entry matches {name!r}"]
    lines = []
    for match, score in ranked:
        e = match.entry
        extra = ""
        if e.type == "Person":
            current = kb.offices_of(e.id, None) or kb.offices_of(e.id)
            extra = "; ".join(f"{o.title_en} of {o.of} since {o.start or '?'}" + (f" until {o.end}" if o.end else "")
                              for o in current[:3])
        elif e.type == "City":
            extra = f"in {e.attrs.get('country') or '?'}"
        elif e.type == "Organization":
            extra = f"{len(e.attrs.get('members', ()))} members as of {e.attrs.get('as_of') or '?'}"
        lines.append(f"{e.id}\t{e.wikidata or '-'}\t{e.name_en} / {e.name_ru}\t"
                     f"{match.kind} ({match.lang}): {match.matched}\tscore {score:.2f}"
                     + (f"\t{extra}" if extra else ""))
    return lines


def stats_lines(kb: KnowledgeBase | None = None) -> list[str]:
    """Counts the issue asks for: countries (UN members with Wikidata), cities, organizations, leaders."""
    kb = kb or load()
    entries = list(kb.entries.values())
    countries = [e for e in entries if e.type == "Country"]
    members = [e for e in countries if e.attrs.get("status") == "member"]
    with_wd = [e for e in members if e.wikidata]
    orgs = [e for e in entries if e.type == "Organization"]
    orgs_members = [e for e in orgs if e.attrs.get("members")]
    leaders = {o.person for o in kb.offices if o.start}
    current = {o.person for o in kb.offices if o.start and o.end is None
               and o.role in ("head_of_state", "head_of_government")}
    persons = [e for e in entries if e.type == "Person"]
    return [
        f"countries: {len(countries)} ({len(members)} UN members, {len(with_wd)} of them with a Wikidata id; "
        f"{sum(1 for e in countries if e.attrs.get('status') == 'observer')} observers, "
        f"{sum(1 for e in countries if e.attrs.get('status') == 'other')} other, "
        f"{sum(1 for e in countries if e.attrs.get('status') == 'territory')} territories)",
        f"cities: {sum(1 for e in entries if e.type == 'City')} "
        f"({sum(1 for e in entries if e.type == 'City' and e.attrs.get('capital'))} capitals)",
        f"organizations: {len(orgs)} ({len(orgs_members)} with members)",
        f"leaders with office and start date: {len(leaders)} "
        f"({len(current)} current heads of state or government; {len(kb.offices)} offices)",
        f"persons: {len(persons)} ({sum(1 for e in persons if e.wikidata)} with a Wikidata id)",
    ]
