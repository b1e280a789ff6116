"""The English pipeline on the PETRARCH-2 gold sentences (``petrarch/petrarch2_gsr_sentences.tsv``).

Each row: id, category, date (YYYYMMDD), CAMEO codings ``SRC>TGT:CODE;...`` (or
``NOEVENT``), text. The first three letters of a CAMEO actor code are the
ISO 3166 alpha-3 country (``IGO`` for international organizations, ``---`` for
unknown). Every sentence is read as a one-sentence English article dated by
its row.

Scores:

- ``detection 04x/05x, right countries``: over the sentences with a consult
  (04x) or agreement (05x) coding, one of our non-statement events whose
  countries (participants' countries, a person through leader-of in the text or
  an office in the knowledge base, organizations as ``IGO``, and the place's
  country) include both gold actors' countries;
- ``CAMEO root right (detected)``: for those, whether the first such event's
  code has the gold root (04, 05, or other);
- ``event precision (vs NOEVENT/other)``: false alarms are sentences with no
  04x/05x coding where we found a meeting, summit, visit, call or signing.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..extract.en import extract_en
from ..ingest import make_article
from ..kb import load
from ..kinds import consult_or_agree_kinds
from . import Report

__all__ = ["evaluate", "read_rows", "event_countries"]



def _find(corpus_dir: Path) -> Path:
    p = Path(corpus_dir)
    for cand in (p, p / "petrarch2_gsr_sentences.tsv", p / "petrarch" / "petrarch2_gsr_sentences.tsv",
                 p / "corpus" / "petrarch" / "petrarch2_gsr_sentences.tsv"):
        if cand.is_file():
            return cand
    raise FileNotFoundError(f"{corpus_dir}: no petrarch/petrarch2_gsr_sentences.tsv")


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for r in rows[1:]:
        if len(r) < 5:
            continue
        codings = []
        if r[3].strip() and r[3].strip() != "NOEVENT":
            for c in r[3].split(";"):
                if ">" in c and ":" in c:
                    actors, code = c.rsplit(":", 1)
                    src, tgt = actors.split(">", 1)
                    codings.append((src.strip(), tgt.strip(), code.strip()))
        d = r[2].strip()
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 and d.isdigit() else None
        out.append({"id": r[0], "category": r[1], "date": date, "codings": codings, "text": r[4].strip()})
    return out


def _iso3(kb, eid: str) -> str | None:
    e = kb.get(eid)
    if e is None:
        return None
    if e.type == "Country":
        return (e.attrs.get("iso3") or "").upper() or None
    if e.type == "City":
        c = e.attrs.get("country")
        return _iso3(kb, c) if c else None
    if e.type == "Organization":
        return "IGO"
    return None


def event_countries(event, extraction, kb, day: str | None) -> set[str]:
    """ISO3 codes of an event's actors and place (persons through leader-of or KB offices)."""
    leader_of: dict[str, set[str]] = {}
    for r in extraction.relations:
        if r.predicate == "leaderOf":
            leader_of.setdefault(r.subject, set()).add(r.object)
    out: set[str] = set()
    for p in event.participants:
        eid = p.entity
        if eid.startswith(("country/", "org/", "city/")):
            code = _iso3(kb, eid)
        else:
            ofs = set(leader_of.get(eid, ()))
            if not ofs:
                offices = kb.offices_of(eid, day) or kb.offices_of(eid)
                ofs = {o.of for o in offices}
            codes = {_iso3(kb, o) for o in ofs if o.startswith("country/")} - {None}
            out |= codes
            code = None
        if code:
            out.add(code)
    if event.place:
        code = _iso3(kb, event.place)
        if code:
            out.add(code)
    return out


def _root(code: str | None) -> str:
    if code and code[:2] in ("04", "05"):
        return code[:2]
    return "other"


def evaluate(corpus_dir: Path) -> Report:
    kb = load()
    rows = read_rows(_find(corpus_dir))
    rep = Report("PETRARCH-2 gold sentences: consult (04x) and agreement (05x) events, English pipeline")
    det = rep.score("detection 04x/05x, right countries")
    root = rep.score("CAMEO root right (detected)")
    prec = rep.score("event precision (vs NOEVENT/other)")
    in_scope = out_scope = 0
    for row in rows:
        if not row["text"]:
            continue
        art = make_article(row["text"], source=f"petrarch:{row['id']}", date=row["date"], lang="en")
        x = extract_en(art, kb)
        events = sorted((e for e in x.events if e.kind in consult_or_agree_kinds()),
                        key=lambda e: min((ev.start for ev in e.evidence), default=0))
        found = [(e, event_countries(e, x, kb, row["date"])) for e in events]
        desc = "; ".join(f"{e.kind}/{e.status}/{e.cameo} {sorted(c)}" for e, c in found) or "no event"
        gold = [c for c in row["codings"] if c[2][:2] in ("04", "05")]
        codings = ";".join(f"{s}>{t}:{c}" for s, t, c in row["codings"]) or "NOEVENT"
        if gold:
            in_scope += 1
            match = None
            for e, countries in found:
                for src, tgt, code in gold:
                    want = {a[:3] for a in (src, tgt) if a[:3] != "---"}
                    if want <= countries:
                        match = (e, code)
                        break
                if match:
                    break
            if match is None:
                det.fn += 1
                rep.errors.append(f"{row['id']}: missed {codings} -> {desc} | {row['text'][:110]}")
                if found:
                    prec.tp += 1  # an event was found, with other countries
                continue
            det.tp += 1
            prec.tp += 1
            e, code = match
            if _root(e.cameo) == _root(code):
                root.tp += 1
            else:
                root.fp += 1
                rep.errors.append(f"{row['id']}: root {e.cameo} for gold {code} | {row['text'][:110]}")
        else:
            out_scope += 1
            if found:
                prec.fp += 1
                rep.errors.append(f"{row['id']}: false alarm ({codings}) -> {desc} | {row['text'][:110]}")
    rep.notes.append(f"sentences: {in_scope} coded 04x/05x, {out_scope} NOEVENT or other codes; "
                     f"false alarms {prec.fp} of {out_scope}")
    rep.notes.append(f"recall with the right countries {det.recall:.3f}; root right for "
                     f"{root.tp} of {root.tp + root.fp} detected ({root.precision:.3f})")
    return rep
