"""Russian rule data: trigger lemmas, role nouns, status cues, topics.

Kept as plain data, apart from the code that applies it, so that a linguist
can extend it without reading the rules.
"""
from __future__ import annotations

#: event kind by the lemma of a trigger noun or verb
EVENT_TRIGGERS: dict[str, str] = {
    "переговоры": "Meeting",
    "встреча": "Meeting",
    "встретиться": "Meeting",
    "встречаться": "Meeting",
    "беседа": "Meeting",
    "побеседовать": "Meeting",
    "саммит": "Summit",
    "визит": "Visit",
    "посетить": "Visit",
    "посещать": "Visit",
    "посещение": "Visit",
    "прибыть": "Visit",
    "прибывать": "Visit",
    "прилететь": "Visit",
    "разговор": "PhoneCall",  # only with a phone cue, see PHONE_CUES
    "созвониться": "PhoneCall",  # a call by its meaning: no phone cue needed
    "подписать": "AgreementSigning",
    "подписывать": "AgreementSigning",
    "подписание": "AgreementSigning",
    "совещание": "Meeting",
    "консультация": "Meeting",
    "аудиенция": "Meeting",
    "переговорить": "Meeting",
    "беседовать": "Meeting",
}

#: verbs of arriving: a visit only somewhere («прибыл в Пекин») and only by someone the
#: article names (a person, a role phrase resolved to one, a pronoun): «следственная
#: группа прилетела в Кемерово», «ветераны прибудут в Чебоксары» are no visit
ARRIVAL_VERBS = frozenset({"прибыть", "прибывать", "прилететь"})

#: verbs that are a meeting or a call only with a partner: a person after «с» or in the
#: dative («Путин позвонил Эрдогану», «обсудил с Си Цзиньпином»), or two persons
#: as their joint subject («Макрон и Шольц обсудили ...»). Alone («обсудили вопрос»,
#: «позвонил в полицию») they are no event. A phone cue makes a meeting verb a call.
PARTNER_TRIGGERS: dict[str, str] = {
    "обсудить": "Meeting",
    "обсуждать": "Meeting",
    "позвонить": "PhoneCall",
    "связаться": "PhoneCall",  # only with a phone cue, see PHONE_CUES
    "пообщаться": "Meeting",
    "обменяться": "Meeting",  # only «обменялись мнениями», see PARTNER_OBJECTS
}
#: partner verbs that are talks only with one of these objects («обменялись мнениями», not пленными)
PARTNER_OBJECTS: dict[str, set[str]] = {"обменяться": {"мнение", "взгляд", "мнениями"}}

#: verbs (and the noun of «принять участие») that say who took part in an event named
#: elsewhere: «В нём участвовали ...», «На ней присутствовали ...» (see .anaphora); a
#: parse cue only in a sentence with a person that opens with one of PARTICIPATION_PRONOUNS
PARTICIPATION_CUES = {"участвовать", "участие", "присутствовать", "выступить"}
#: the pronoun's form -> the gender (or "Plur") of the trigger noun it can stand for
PARTICIPATION_PRONOUNS = {"нём": ("Masc", "Neut"), "нем": ("Masc", "Neut"), "ней": ("Fem",), "них": ("Plur",)}

#: «телефонный разговор», «переговоры по телефону», «по видеосвязи»
PHONE_CUES = {"телефонный", "телефон", "видеосвязь", "видеоконференция", "видеосвязи"}

#: what must be signed for a signing to be an agreement signing
AGREEMENT_OBJECTS = {"соглашение", "договор", "меморандум", "декларация", "протокол",
                     "конвенция", "контракт", "договоренность", "хартия", "пакт", "документ",
                     "заявление", "коммюнике", "статут", "устав", "план"}

#: reporting verbs that make a Statement when they introduce a quote or a "что" clause
STATEMENT_VERBS = {"заявить", "сказать", "отметить", "подчеркнуть", "сообщить", "заверить",
                   "указать", "добавить", "признать", "пояснить", "выразить", "призвать",
                   "предупредить", "напомнить", "констатировать", "высказаться"}

#: office nouns -> role; the country or organization comes from a genitive or an adjective
ROLE_NOUNS: dict[str, str] = {
    "президент": "head_of_state",
    "председатель": "head_of_state",
    "премьер": "head_of_government",
    "премьер-министр": "head_of_government",
    "канцлер": "head_of_government",
    "король": "head_of_state",
    "королева": "head_of_state",
    "эмир": "head_of_state",
    "султан": "head_of_state",
    "монарх": "head_of_state",
    "шах": "head_of_state",
    "лидер": "leader",
    "руководитель": "leader",
    "глава": "leader",
    "генсек": "secretary_general",
    "генеральный секретарь": "secretary_general",
    "госсекретарь": "foreign_minister",
    "министр иностранных дел": "foreign_minister",
    "глава мид": "foreign_minister",
    "министр": "minister",
    # «казахстанский коллега», «коллега из Турции»: the counterpart, only ever the person
    # this article names with that country (no office of that name in the knowledge base)
    "коллега": "counterpart",
}
#: numerals that count a group as two («два лидера», «обоих президентов», «двух стран»): no one office holder
TWO_WORDS = {"два", "две", "оба", "обе"}
#: roles that make a person a leader of the country/organization (dip:leaderOf)
LEADER_ROLES = {"head_of_state", "head_of_government", "leader", "secretary_general", "foreign_minister"}

#: «встреча» in sports news is a match, and musicians who «встретятся на сцене» give a
#: concert: these words in the sentence say so
SPORTS_CUES = {"матч", "зритель", "тренер", "сборная", "чемпионат", "турнир", "болельщик", "гол",
               "стадион", "футбол", "хоккей", "игрок", "полуфинал", "финал", "комментировать",
               "сцена", "концерт", "гастроль"}

#: buildings and sites a visit may be to («посетил святилище богини Аматэрасу»): the
#: visited object becomes the event's place even when NER saw no name in it
FACILITY_NOUNS = {"храм", "святилище", "мавзолей", "мемориал", "музей", "завод", "фабрика", "комбинат",
                  "больница", "госпиталь", "школа", "университет", "тюрьма", "колония", "библиотека",
                  "собор", "монастырь", "мечеть", "синагога", "кладбище", "дворец", "космодром", "порт",
                  "аэропорт", "база", "лагерь", "штаб", "посольство", "резиденция", "выставка"}

#: words that mark a planned event
PLANNED_CUES = {"планировать", "намереваться", "намерен", "собираться", "предстоящий",
                "ожидаться", "запланировать", "предстоять", "готовиться", "анонсировать"}
#: verbs that, above a trigger, make it an intention («может посетить», «намерен встретиться»)
MODAL_VERBS = {"мочь", "планировать", "намереваться", "намерен", "собираться", "хотеть", "предстоять",
               "должный", "договориться", "пообещать", "обещать", "готовый", "рассчитывать",
               "пригласить", "приглашать", "приглашение", "запланировать", "ожидаться"}
#: the modal verbs that are invitations: they make future only what they invite to
INVITATIONS = {"пригласить", "приглашать", "приглашение"}
#: hosting verbs: «Обама принимает Саркози» is a meeting, subject host, object guest
HOST_VERBS = {"принять", "принимать"}

#: prepositions that make an event mention a time reference («накануне саммита»)
TEMPORAL_PREPS = {"накануне", "перед", "после", "преддверие", "до", "канун"}
#: words that mark a cancelled event
CANCELLED_CUES = {"отменить", "отмена", "отложить", "перенести", "сорвать", "отказаться",
                  "бойкотировать", "отказ"}
#: refusing to take part: for a summit the person declines, the summit goes on
REFUSAL_CUES = {"отказаться", "отказ", "бойкотировать"}
#: words that, negated or alone, deny an event
DENIAL_CUES = {"опровергнуть", "опровергать", "отрицать", "опровержение"}

#: topics discussed, by lemma of the head word (value: topic label in English)
TOPICS: dict[str, str] = {
    "торговля": "trade", "торгово-экономический": "trade", "торговый": "trade",
    "экономика": "economy", "экономический": "economy",
    "инвестиция": "investment", "инвестиционный": "investment",
    "культура": "culture", "культурно-гуманитарный": "culture", "культурный": "culture",
    "гуманитарный": "humanitarian",
    "транспорт": "transport", "транспортный": "transport",
    "логистика": "logistics", "логистический": "logistics",
    "энергетика": "energy", "энергетический": "energy",
    "цифровизация": "digitalisation", "цифровой": "digitalisation",
    "интеллект": "artificial intelligence",
    "хозяйство": "agriculture", "сельскохозяйственный": "agriculture", "агропромышленный": "agriculture",
    "безопасность": "security", "оборона": "defence", "военный": "defence",
    "образование": "education", "туризм": "tourism", "здравоохранение": "health",
    "климат": "climate", "экология": "environment", "миграция": "migration",
    "санкция": "sanctions", "терроризм": "terrorism", "финансовый": "finance",
}
TOPIC_VERBS = {"обсудить", "обсуждать", "рассмотреть", "обменяться", "затронуть", "коснуться"}

#: quantity measures by trigger lemma
MEASURES = {"товарооборот": "trade_turnover", "оборот": "trade_turnover", "инвестиция": "investment",
            "экспорт": "export", "импорт": "import", "кредит": "loan"}
CURRENCIES = {"доллар": "USD", "долл": "USD", "евро": "EUR", "рубль": "RUB", "руб": "RUB",
              "юань": "CNY", "тенге": "KZT", "$": "USD", "€": "EUR"}
SCALES = {"тыс": 1e3, "тысяча": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9,
          "трлн": 1e12, "триллион": 1e12}

#: a sentence is parsed (natasha's morphology and syntax) only when one of these
#: lemmas is among its words' possible lemmas: every rule that reads the tree starts
#: from a trigger. Other sentences get morphology around their names only, and their
#: tokens have no head (see nlp.analyse); a reporting verb there finds its speaker
#: by position (facts._subject_before).
PARSE_CUES: frozenset[str] = frozenset(set(EVENT_TRIGGERS) | set(PARTNER_TRIGGERS) | HOST_VERBS)
