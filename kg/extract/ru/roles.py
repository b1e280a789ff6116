"""Offices and who holds them: leader-of from appositions, and role coreference.

«Президент Казахстана Касым-Жомарт Токаев», «председателем КНР Си Цзиньпином»,
«российский лидер Владимир Путин», «Токаев, президент Казахстана,» give
``leaderOf``. A role phrase without a name («Президент Казахстана подчеркнул»,
«китайского лидера») then refers to the person the article (or, failing that,
the knowledge base on the article's date) names as holder of that office.
"""
from __future__ import annotations

from ...model import Relation
from ..context import Context, M
from ..descriptors import office_holders
from .lexicon import EVENT_TRIGGERS, LEADER_ROLES, ROLE_NOUNS, TWO_WORDS
from .nlp import Sentence, models

__all__ = ["find_roles", "is_subject", "office_roles", "plural", "resolve_pronouns", "resolve_role_mentions", "role_at",
           "role_phrases"]

_MULTI: dict[str, list[tuple[str, ...]]] = {}  # first word -> role phrases, longest first
for _words in sorted((tuple(k.split()) for k in ROLE_NOUNS), key=lambda w: (-len(w), w)):
    _MULTI.setdefault(_words[0], []).append(_words)


def role_at(s: Sentence, i: int) -> tuple[int, str] | None:
    """(end token index, role) of a role phrase starting at token i."""
    first = s.tokens[i]
    candidates = _MULTI.get(first.lemma, []) + _MULTI.get(first.text.lower(), [])
    for words in sorted(candidates, key=lambda w: (-len(w), w)) if len(candidates) > 1 else candidates:
        j = i + len(words)
        if j <= len(s.tokens) and all(s.tokens[i + k].lemma == w or s.tokens[i + k].text.lower() == w
                                      for k, w in enumerate(words)):
            return j, ROLE_NOUNS[" ".join(words)]
    return None


def _next_mention(ctx: Context, s: Sentence, tok: int, types: tuple[str, ...], gap: int = 0) -> M | None:
    for k in range(tok, min(tok + gap + 1, len(s.tokens))):
        m = ctx.mention_at_token(s.index, k)
        if m is not None and m.first == k:
            return m if m.type in types else None
    return None


def _adjective_country(ctx: Context, s: Sentence, i: int) -> str | None:
    """A country adjective right before token i («китайский лидер»)."""
    if i <= 0:
        return None
    t = s.tokens[i - 1]
    if t.pos != "ADJ":
        return None
    hits = [e for e in ctx.kb.adjective(t.lemma) if e.type == "Country"]
    return hits[0].id if len(hits) == 1 else None


_OPEN_QUOTES = {"«", "\"", "„", "“"}
_CLOSE_QUOTES = {"»", "\"", "“", "”"}


def role_phrases(ctx: Context, s: Sentence):
    """Role phrases of a sentence: (start tok, end tok, role, of-entity id or None, end of phrase tok)."""
    i = 0
    while i < len(s.tokens):
        r = role_at(s, i)
        if not r:
            i += 1
            continue
        j, role = r
        of = None
        end = j
        if role == "leader" and j < len(s.tokens) and s.tokens[j].lemma in _OFFICE_OF:
            role = _OFFICE_OF[s.tokens[j].lemma]  # «глава государства», «глава правительства»
            end = j = j + 1
        adj = _adjective_country(ctx, s, i)
        start = i - 1 if adj else i
        if adj:
            of = adj
        else:
            quoted = j < len(s.tokens) and s.tokens[j].text in _OPEN_QUOTES
            m = _next_mention(ctx, s, j + quoted, ("Country", "Organization", "Place"))
            if m is not None and m.type != "Place" and (not quoted or m.type == "Organization"):
                of = m.entity
                end = m.last + 1
                if quoted and end < len(s.tokens) and s.tokens[end].text in _CLOSE_QUOTES:
                    end += 1  # «глава "Газпрома" Алексей Миллер»: the name comes after the quotes
        yield start, end, role, of
        i = j


def find_roles(ctx: Context) -> None:
    """Explicit leader-of from appositions, in both orders."""
    for s in ctx.sents:
        for start, end, role, of in role_phrases(ctx, s):
            person = _next_mention(ctx, s, end, ("Person", "Leader"), gap=0)
            if person is not None and _owned(s, start, person.first):
                continue  # «пресс-секретарь президента России Дмитрий Песков»: the name is the secretary's
            if person is None and start >= 2 and s.tokens[start - 1].text == ",":
                prev = ctx.mention_at_token(s.index, start - 2)
                if prev is not None and prev.type in ("Person", "Leader"):
                    person = prev
            if person is None:
                subject = _predicate_subject(ctx, s, start)
                if subject is not None and not _former(s, start):
                    ctx.titles.setdefault(subject.entity, set()).add(role)
                continue
            if not _former(s, start):
                ctx.titles.setdefault(person.entity, set()).add(role)
            if of is None or (role not in LEADER_ROLES and role != "minister"):
                continue
            rule = "ru.role.apposition"
            span_start = min(s.tokens[start].start, person.start)
            span_end = max(s.tokens[end - 1].end, person.end)
            ev = ctx.evidence(s, span_start, span_end, rule)
            if role in LEADER_ROLES:
                ctx.relations.append(Relation(person.entity, "leaderOf", of, evidence=(ev,)))
                ctx.roles.setdefault(person.entity, set()).add(of)
                ctx.table.set_type(person.entity, "Leader")
                person.type = "Leader"


def _owned(s: Sentence, start: int, name: int) -> bool:
    """A role phrase in the genitive right after an animate noun, followed by a name not in
    the genitive, is that noun's («пресс-секретарь президента России Дмитрий Песков»,
    «супруга президента США Мишель Обама»): the name is the secretary's or the wife's. A
    name that agrees («дочь президента Узбекистана Ислама Каримова») is the president's."""
    if start < 1:
        return False
    before, first = s.tokens[start - 1], s.tokens[start]
    return (before.pos == "NOUN" and before.feats.get("Animacy") == "Anim" and first.feats.get("Case") == "Gen"
            and s.tokens[name].feats.get("Case") != "Gen")


def resolve_role_mentions(ctx: Context) -> None:
    """A role phrase with no name refers to the office holder named in the article or the KB
    (:func:`kg.extract.descriptors.office_holders`); a bare office with no country
    («Глава государства провёл переговоры», «Президент отметил») to the person this article
    names with that office (:data:`Context.titles`): the only one, or, when several hold it
    here, the last of them who was a subject before the phrase (rule ``ru.coref.title``;
    the knowledge base is not asked, as the phrase names no country)."""
    holders: dict[str, set[str]] = {}
    for p, rs in ctx.titles.items():
        for r in rs:
            holders.setdefault(r, set()).add(p)
    last_subject: dict[str, int] = {}  # person -> order of their last subject mention
    order = 0
    for s in ctx.sents:
        for start, end, role, of in role_phrases(ctx, s):
            if _next_mention(ctx, s, end, ("Person", "Leader"), gap=0) is not None:
                continue  # an apposition, handled by find_roles
            at = ctx.mention_at_token(s.index, start)
            if (at is not None and at.type in ("Person", "Leader")) or plural(s, start, end) \
                    or (start > 0 and s.tokens[start - 1].lemma in TWO_WORDS):
                continue  # «президенты России и Франции», «два лидера»: groups.resolve_group_mentions
            if of is None:
                _title_reference(ctx, s, start, end, role, holders, last_subject)
            elif role != "minister":  # a country has many ministers: «малайзийский министр» names no one
                _office_reference(ctx, s, start, end, role, of)
        for m in ctx.in_sent(s.index, ("Person", "Leader")):
            if is_subject(s, m):
                order += 1
                last_subject[m.entity] = order


def _office_reference(ctx: Context, s: Sentence, start: int, end: int, role: str, of: str) -> None:
    # «китайский лидер» the article does not name: who leads China on its date
    holders, how = office_holders(ctx, of, office_roles(s, start, role, of), leader=role == "leader")
    rule = "ru.coref.role" if how == "article" else "ru.coref.role.kb"
    if len(holders) != 1:
        return
    pid = holders[0]
    ctx.table.set_type(pid, "Leader")
    m = ctx.add_reference(s, s.tokens[start].start, s.tokens[end - 1].end, pid, tuple(range(start, end)),
                          rule, 0.8, "Leader")
    ev = ctx.evidence(s, m.start, m.end, rule, 0.8)
    if rule.endswith(".kb"):
        ctx.relations.append(Relation(pid, "leaderOf", of, evidence=(ev,)))
        ctx.roles.setdefault(pid, set()).add(of)


def _title_reference(ctx: Context, s: Sentence, start: int, end: int, role: str,
                     holders: dict[str, set[str]], last_subject: dict[str, int]) -> None:
    cands = sorted(holders.get(role, ()))
    if not cands or _former(s, start):
        return
    seen = [(last_subject[p], p) for p in cands if p in last_subject]
    pid = cands[0] if len(cands) == 1 else (max(seen)[1] if seen else None)
    if pid is not None:
        ctx.add_reference(s, s.tokens[start].start, s.tokens[end - 1].end, pid, tuple(range(start, end)),
                          "ru.coref.title", 0.75, "Leader" if role in LEADER_ROLES else None)


#: «глава государства» is a head of state, «глава правительства» («кабинета») a head of government
_OFFICE_OF = {"государство": "head_of_state", "правительство": "head_of_government", "кабинет": "head_of_government"}
#: words before a role noun that make it someone else's past office («бывший президент»)
_FORMER = {"бывший", "экс", "прежний", "предыдущий", "покойный"}


def _predicate_subject(ctx: Context, s: Sentence, start: int) -> M | None:
    """«Булавин назначен главой ФТС», «Иванов стал министром»: a role in the instrumental
    right after a verb names the verb's subject, the last person in the nominative before it."""
    if start < 1 or s.tokens[start].feats.get("Case") != "Ins" or s.tokens[start - 1].pos not in ("VERB", "AUX"):
        return None
    before = [m for m in ctx.in_sent(s.index, ("Person", "Leader"))
              if m.last < start - 1 and s.tokens[m.first].feats.get("Case") == "Nom"]
    return before[-1] if before else None


def _former(s: Sentence, start: int) -> bool:
    return start > 0 and (s.tokens[start - 1].lemma in _FORMER or s.tokens[start].text.lower().startswith("экс"))


def plural(s: Sentence, start: int, end: int) -> bool:
    """The role noun of a phrase is plural («президенты», «лидеры», «главы МИД»). The
    tagger reads a capitalised word opening a sentence as a singular name («Президенты
    России и Франции обсудили …»); there the dictionary is asked whether the word can be
    a plural nominative noun."""
    for k in range(start, end):
        t = s.tokens[k]
        if t.pos == "NOUN" and t.feats.get("Number") == "Plur":
            return True
        if k == 0 and t.pos == "PROPN" and t.text[:1].isupper() and _plural_noun(t.text.lower()):
            return True
    return False


def _plural_noun(word: str) -> bool:
    return any(f.tag.POS == "NOUN" and "plur" in f.tag and "nomn" in f.tag for f in models()["morph_vocab"].parse(word))


def office_roles(s: Sentence, start: int, role: str, of: str) -> set[str]:
    """The offices a role phrase names: a leader is a head of state or of government; a
    «председатель» of an organization is its chair or secretary-general."""
    if role == "leader":
        return {"head_of_state", "head_of_government"}
    if role == "head_of_state" and s.tokens[start].lemma == "председатель" and of.startswith("org/"):
        return {"chair", "secretary_general", "head_of_state"}
    return {role}


_PRONOUNS = {"он", "она"}
#: possessives that name who holds an event («его встреча с ...», «на своей встрече с ...»)
_POSSESSIVES = {"его", "её", "ее"}


def resolve_pronouns(ctx: Context) -> None:
    """A subject pronoun («Он отметил») is the last person who was a subject before it; a
    possessive on an event noun («его встреча с ...») too, and «свой» («на своей встрече с ...»)
    is the subject of its own clause."""
    last_subject: str | None = None
    last_person: str | None = None
    for s in ctx.sents:
        reflexive = []
        for t in s.tokens:
            m = ctx.mention_at_token(s.index, t.i)
            if m is not None and m.type in ("Person", "Leader"):
                last_person = m.entity
                if t.rel.startswith("nsubj") or (m.first == t.i and is_subject(s, m)):
                    last_subject = m.entity
                continue
            possessive = t.lemma in _POSSESSIVES and _on_event_noun(s, t)
            if (t.lemma in _PRONOUNS and t.feats.get("Case") == "Nom" and t.text[:1].isalpha()) or possessive:
                _pronoun_mention(ctx, s, t, last_subject or last_person)
            elif t.lemma == "свой" and _on_event_noun(s, t):
                reflexive.append(t)
        for t in reflexive:  # after the sentence's own subject (often a pronoun after it) is known
            subject = _clause_subject(ctx, s, t.head)
            if subject != "":  # "": the clause's subject is no person we know («дипломат»)
                _pronoun_mention(ctx, s, t, subject or last_subject or last_person)


def _on_event_noun(s: Sentence, t) -> bool:
    return 0 <= t.head < len(s.tokens) and s.tokens[t.head].lemma in EVENT_TRIGGERS


def _clause_subject(ctx: Context, s: Sentence, k: int) -> str | None:
    """The person subject of the verb above token k; "" when its subject is not a person we
    know, None when it has none."""
    while 0 <= k < len(s.tokens) and s.tokens[k].pos != "VERB":
        k = s.tokens[k].head
    if not 0 <= k < len(s.tokens):
        return None
    for c in s.tokens:
        if c.head == k and c.rel.startswith("nsubj"):
            m = ctx.mention_at_token(s.index, c.i)
            return m.entity if m is not None and m.type in ("Person", "Leader") else ""
    return None


def _pronoun_mention(ctx: Context, s: Sentence, t, target: str | None) -> None:
    if target is not None:
        ctx.add_reference(s, t.start, t.end, target, (t.i,), "ru.coref.pronoun", 0.7)


def is_subject(s: Sentence, m: M) -> bool:
    """The mention is a subject, or names one («Премьер-министр Дании Густав Нильсен
    принял …»: the name is an apposition of the subject noun): by the tree, or in an
    unparsed sentence by its case."""
    if not s.parsed:  # no tree: a name in the nominative stands for the subject
        return s.tokens[m.first].feats.get("Case") == "Nom"
    toks = s.tokens
    for k in m.tokens:
        seen = set()
        while toks[k].rel in ("appos", "flat:name", "flat") and 0 <= toks[k].head < len(toks) and k not in seen:
            seen.add(k)
            k = toks[k].head
        if toks[k].rel.startswith("nsubj"):
            return True
    return False
