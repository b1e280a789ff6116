"""English rule data: trigger words, role nouns, status cues, topics, money.

Plain data, apart from the rules that apply it (as in ``kg.extract.ru.lexicon``),
so that it can be extended without reading the rules. Verbs are listed by
their base form; :data:`LEMMAS` maps every inflected form back to it.
"""
from __future__ import annotations

__all__ = ["LEMMAS", "lemma", "EVENT_TRIGGERS", "ROLE_NOUNS", "LEADER_ROLES", "TITLES", "GROUP_NOUNS"]

_IRREGULAR = {
    "meet": ("met",), "hold": ("held",), "speak": ("spoke", "spoken"), "say": ("said",),
    "tell": ("told",), "fly": ("flew", "flown", "flies"), "go": ("went", "gone", "goes"),
    "come": ("came",), "make": ("made",), "take": ("took", "taken"), "give": ("gave", "given"),
    "leave": ("left",), "send": ("sent",), "strike": ("struck",), "begin": ("began", "begun"),
    "pull": (), "call": (), "sign": (), "seek": ("sought",), "break": ("broke", "broken"),
    "lead": ("led",), "write": ("wrote", "written"), "hear": ("heard",), "travel": ("travelled", "travelling"),
    "cancel": ("cancelled", "cancelling"), "plan": ("planned", "planning", "plans"),
    "set": (), "put": (), "host": (), "deny": ("denied", "denies"), "rely": ("relied",),
}


def _inflect(base: str) -> set[str]:
    forms = {base}
    forms |= set(_IRREGULAR.get(base, ()))
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    return forms


#: verbs the rules look at, by base form
VERBS = ("meet", "hold", "visit", "arrive", "travel", "fly", "attend", "host", "receive", "welcome",
         "sign", "ink", "ratify", "endorse", "approve", "conclude", "seal", "call", "phone", "telephone",
         "speak", "talk", "negotiate", "consult", "confer", "say", "state", "tell", "announce", "declare",
         "stress", "note", "add", "emphasize", "emphasise", "underline", "warn", "insist", "argue",
         "claim", "assert", "affirm", "reaffirm", "cancel", "postpone", "scrap", "deny", "plan", "expect",
         "schedule", "intend", "discuss", "pull", "prepare", "thank", "confirm", "lunch", "dine", "reach",
         "strike", "agree", "set", "go", "invite", "exchange")

LEMMAS: dict[str, str] = {}
for _b in VERBS:
    for _f in _inflect(_b):
        LEMMAS.setdefault(_f, _b)
# nouns whose plural matters («talks» is an event, «talk» may not be)
LEMMAS.update({"meetings": "meeting", "summits": "summit", "visits": "visit", "negotiations": "negotiation",
               "consultations": "consultation", "agreements": "agreement", "treaties": "treaty",
               "deals": "deal", "accords": "accord", "memoranda": "memorandum", "memorandums": "memorandum",
               "calls": "call", "conversations": "conversation", "trips": "trip", "tours": "tour",
               "ministers": "minister", "presidents": "president", "leaders": "leader"})


def lemma(lower: str) -> str:
    return LEMMAS.get(lower, lower)


#: event kind by trigger lemma (nouns and verbs); the rules in events.py add conditions
EVENT_TRIGGERS: dict[str, str] = {
    "meet": "Meeting", "meeting": "Meeting", "talks": "Meeting", "negotiation": "Meeting",
    "negotiate": "Meeting", "consultation": "Meeting", "consult": "Meeting", "confer": "Meeting",
    "lunch": "Meeting", "dine": "Meeting", "dinner": "Meeting", "luncheon": "Meeting", "breakfast": "Meeting",
    "summit": "Summit",
    "visit": "Visit", "arrive": "Visit", "trip": "Visit", "tour": "Visit", "travel": "Visit", "fly": "Visit",
    "attend": "Visit", "host": "Visit", "receive": "Visit", "welcome": "Visit",
    "call": "PhoneCall", "phone": "PhoneCall", "telephone": "PhoneCall", "conversation": "PhoneCall",
    "speak": "PhoneCall", "talk": "PhoneCall", "videoconference": "PhoneCall",
    "sign": "AgreementSigning", "signing": "AgreementSigning", "ink": "AgreementSigning",
    "ratify": "AgreementSigning", "ratification": "AgreementSigning", "endorse": "AgreementSigning",
    "approve": "AgreementSigning", "conclude": "AgreementSigning", "seal": "AgreementSigning",
    "reach": "AgreementSigning", "strike": "AgreementSigning",
    "discuss": "Meeting",  # only with a partner (kg.extract.en.events._discussion)
    "exchange": "Meeting",  # only "exchanged views" with a partner, as "discuss"
}

#: what is signed, ratified or reached for a signing to be an agreement
AGREEMENT_OBJECTS = {"agreement", "agreements", "treaty", "treaties", "memorandum", "memoranda",
                     "accord", "accords", "deal", "deals", "pact", "protocol", "convention", "contract",
                     "contracts", "declaration", "charter", "communique", "communiqué", "mou", "roadmap",
                     "road map", "statute", "documents", "document", "arrangement"}

#: phone cues: «spoke by phone», «telephone conversation», «video call»
PHONE_CUES = {"phone", "telephone", "telephoned", "phoned", "video", "videoconference", "videolink",
              "video-link", "teleconference", "phone-call"}

#: reporting verbs (lemmas) for statements
STATEMENT_VERBS = {"say", "state", "tell", "announce", "declare", "stress", "note", "add", "emphasize",
                   "emphasise", "underline", "warn", "insist", "argue", "claim", "assert", "affirm",
                   "reaffirm", "confirm"}

#: office nouns -> role (multi-word first); the country or organization comes from an
#: adjective («Chinese President»), a possessive («Kazakhstan's President») or «of X»
ROLE_NOUNS: dict[str, str] = {
    "prime minister": "head_of_government",
    "premier": "head_of_government",
    "chancellor": "head_of_government",
    "head of government": "head_of_government",
    "head of state": "head_of_state",
    "president": "head_of_state",
    "king": "head_of_state",
    "queen": "head_of_state",
    "emir": "head_of_state",
    "amir": "head_of_state",
    "sultan": "head_of_state",
    "monarch": "head_of_state",
    "crown prince": "head_of_state",
    "shah": "head_of_state",
    "leader": "leader",
    "secretary-general": "secretary_general",
    "secretary general": "secretary_general",
    "foreign minister": "foreign_minister",
    "minister of foreign affairs": "foreign_minister",
    "foreign affairs minister": "foreign_minister",
    "foreign secretary": "foreign_minister",
    "secretary of state": "foreign_minister",
    "minister": "minister",
}
#: roles that make a person a leader of the country/organization (dip:leaderOf)
LEADER_ROLES = {"head_of_state", "head_of_government", "leader", "secretary_general", "foreign_minister"}
#: role words that never make a leader even after a role noun («vice president», «deputy prime minister»)
ROLE_BLOCKERS = {"vice", "deputy", "former", "ex", "acting", "first", "assistant", "under", "late", "then"}

#: titles before a name that make a capitalised sequence a person
TITLES = {"president", "prime", "minister", "premier", "chancellor", "king", "queen", "emir", "sultan",
          "secretary", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "general", "gen", "senator", "sen",
          "ambassador", "governor", "gov", "mayor", "envoy", "spokesman", "spokeswoman", "spokesperson",
          "chairman", "chairwoman", "chair", "colonel", "col", "admiral", "adm", "commander", "marshal",
          "pope", "prince", "princess", "sheikh", "sheik", "rep", "representative", "judge", "justice",
          "leader", "director", "minister", "lt", "maj", "capt", "captain", "prof", "professor",
          "ayatollah", "crown", "foreign", "defense", "defence", "vice", "deputy", "opposition"}

#: nouns after a country adjective or possessive that make the country an actor
#: («Ukrainian lawmakers», «Georgian government», «Iraq's national security advisor»)
GROUP_NOUNS = {"government", "governments", "officials", "official", "lawmakers", "legislators",
               "parliament", "delegation", "delegations", "ministers", "minister", "authorities", "forces",
               "troops", "military", "army", "diplomats", "diplomat", "envoy", "envoys", "ambassador",
               "demonstrators", "protesters", "protestors", "activists", "dissidents", "side", "negotiators",
               "advisor", "adviser", "commander", "commanders", "leadership", "cabinet", "administration",
               "navy", "police", "team", "spokesman", "spokeswoman", "senate", "congress",
               "embassy", "ministry", "state", "presidency", "opposition", "rebels", "representatives",
               "senators", "legislature", "court", "judges", "prosecutors", "generals", "soldiers",
               "businessmen", "companies", "firms", "men", "women", "citizens", "nationals", "people",
               "students", "workers", "pilgrims", "missionaries"}

#: words that mark a planned event (base forms; «is to visit», «will meet» are rules)
PLANNED_CUES = {"plan", "expect", "schedule", "intend", "upcoming", "forthcoming", "due", "prepare",
                "set", "future", "next", "later", "aim", "hope", "propose", "invite", "invitation"}
#: words that mark a cancelled event
CANCELLED_CUES = {"cancel", "canceled", "postpone", "scrap", "off", "boycott", "cancellation", "postponement",
                  "shelve", "shelved", "abandon", "abandoned", "withdrew"}
#: words that deny an event
DENIAL_CUES = {"deny", "denial", "rumour", "rumor", "rumours", "rumors", "never"}
#: words before an event noun that make it a time reference («ahead of the summit»)
TEMPORAL_PREPS = {"ahead", "before", "after", "eve", "prior", "following", "since", "during"}

TOPICS: dict[str, str] = {
    "trade": "trade", "economy": "economy", "economic": "economy", "investment": "investment",
    "investments": "investment", "culture": "culture", "cultural": "culture", "humanitarian": "humanitarian",
    "transport": "transport", "transportation": "transport", "logistics": "logistics", "energy": "energy",
    "digital": "digitalisation", "digitalisation": "digitalisation", "digitalization": "digitalisation",
    "ai": "artificial intelligence", "agriculture": "agriculture", "agricultural": "agriculture",
    "security": "security", "defence": "defence", "defense": "defence", "military": "defence",
    "education": "education", "tourism": "tourism", "health": "health", "healthcare": "health",
    "climate": "climate", "environment": "environment", "migration": "migration", "sanctions": "sanctions",
    "terrorism": "terrorism", "finance": "finance", "financial": "finance", "nuclear": "nuclear",
}
TOPIC_VERBS = {"discuss", "discussed", "discusses", "discussing", "focused", "focus", "covered", "touched",
               "reviewed", "explored", "addressed", "exchanged"}

#: quantity measures by trigger word
MEASURES = {"trade": "trade_turnover", "turnover": "trade_turnover", "investment": "investment",
            "investments": "investment", "exports": "export", "export": "export", "imports": "import",
            "import": "import", "loan": "loan", "loans": "loan", "credit": "loan", "aid": "aid"}
CURRENCIES = {"us$": "USD", "$": "USD", "dollar": "USD", "usd": "USD", "€": "EUR", "euro": "EUR", "eur": "EUR",
              "£": "GBP", "pound": "GBP", "ruble": "RUB", "rouble": "RUB", "rub": "RUB", "yuan": "CNY",
              "renminbi": "CNY", "cny": "CNY", "tenge": "KZT", "yen": "JPY", "rupee": "INR"}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "bln": 1e9, "trillion": 1e12, "tn": 1e12}

#: capitalised words that are never names by themselves (sentence starts, months, days)
STOP_CAPS = {
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his",
    "her", "their", "our", "its", "in", "on", "at", "by", "for", "with", "from", "to", "of", "and", "but",
    "or", "as", "after", "before", "during", "while", "when", "if", "since", "although", "however",
    "meanwhile", "also", "both", "all", "some", "many", "most", "more", "other", "such", "no", "not",
    "there", "here", "then", "now", "today", "yesterday", "tomorrow", "last", "next", "new", "former",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mr", "mrs", "ms", "dr", "according", "speaking", "asked", "said", "says", "what", "who", "which",
    "where", "why", "how", "one", "two", "three", "several", "each", "every", "about", "over", "under",
    "earlier", "later", "so", "because", "despite", "among", "between", "against", "until", "under",
    "photo", "image", "source", "sources", "update", "related", "news", "see", "external", "links",
    "president", "minister", "prime", "secretary", "state", "foreign", "government", "leader", "king",
    "queen", "general", "chancellor", "premier", "will", "would", "could", "should", "can", "may", "must",
    "do", "does", "did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "only", "even",
    "just", "still", "yet", "again", "first", "second", "third", "another", "any", "us", "day", "week",
}
