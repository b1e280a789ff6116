"""Closed vocabularies of the linker's categorical features.

Every categorical feature is an index into one of these tuples (0 = none or
other), so the codes, and the shipped model, do not depend on the data seen.
The event classes are a small hand-made lexicon of trigger lemmas grouped by
what kind of arguments they take; a lemma not listed is class "other". The
list is deliberately coarse (ten classes): the model must generalise from
NEREL's events of every kind to the extractor's diplomatic triggers.
"""
from __future__ import annotations

__all__ = ["POS", "CASES", "RELS", "PREPOSITIONS", "EVENT_CLASSES", "EVENT_CLASS_OF", "code"]

POS: tuple[str, ...] = ("", "NOUN", "PROPN", "VERB", "ADJ", "ADP", "PRON", "DET", "NUM", "ADV", "AUX",
                        "CCONJ", "SCONJ", "PART", "PUNCT", "X", "SYM", "INTJ")
CASES: tuple[str, ...] = ("", "Nom", "Gen", "Dat", "Acc", "Ins", "Loc", "Par", "Voc")
#: natasha's dependency relations (UD), the rest is "other"
RELS: tuple[str, ...] = ("", "nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "nmod", "amod", "appos",
                         "conj", "cc", "case", "root", "acl", "acl:relcl", "advcl", "xcomp", "ccomp", "csubj",
                         "flat:name", "flat:foreign", "flat", "nummod", "det", "advmod", "aux", "aux:pass",
                         "cop", "mark", "punct", "parataxis", "compound", "fixed", "orphan", "expl", "nummod:gov",
                         "nummod:entity", "list", "dep")
PREPOSITIONS: tuple[str, ...] = ("", "в", "на", "с", "из", "к", "у", "по", "для", "о", "от", "за", "до", "после",
                                 "при", "через", "между", "против", "без", "под", "над", "перед", "около",
                                 "среди", "вместо", "во", "со", "ко", "об", "во время")

#: event class -> trigger lemmas (verbs and nouns)
_CLASSES: dict[str, tuple[str, ...]] = {
    "meeting": ("встреча", "встретиться", "встречаться", "переговоры", "беседа", "побеседовать", "беседовать",
                "разговор", "созвониться", "поговорить", "переговорить", "обсудить", "обсуждение", "консультация",
                "принять", "принимать", "приём", "прием"),
    "summit": ("саммит", "конференция", "форум", "съезд", "заседание", "совещание", "сессия", "ассамблея",
               "конгресс", "пленум", "собрание"),
    "visit": ("визит", "посетить", "посещать", "посещение", "прибыть", "прибывать", "прилететь", "приехать",
              "турне", "поездка", "отправиться", "вернуться", "побывать", "прибытие", "поехать", "вылететь"),
    "agreement": ("подписать", "подписывать", "подписание", "соглашение", "договор", "договориться",
                  "заключить", "ратифицировать", "меморандум", "сделка"),
    "statement": ("заявить", "сказать", "сообщить", "заявление", "отметить", "призвать", "выступить",
                  "выступление", "пресс-конференция", "интервью", "объявить", "подчеркнуть", "осудить",
                  "поздравить", "обратиться", "обращение", "критиковать", "предложить", "пообещать"),
    "office": ("выборы", "избрать", "избрание", "назначить", "назначение", "отставка", "уволить", "увольнение",
               "возглавить", "инаугурация", "голосование", "референдум", "победить", "победа", "выиграть",
               "проиграть", "покинуть", "уйти", "освободить", "переизбрать", "баллотироваться", "вступить"),
    "life": ("родиться", "умереть", "скончаться", "смерть", "погибнуть", "гибель", "похороны", "похоронить",
             "жениться", "свадьба", "брак", "развод", "развестись", "рождение", "кончина", "самоубийство",
             "госпитализировать", "заболеть", "болезнь", "операция", "юбилей"),
    "legal": ("арестовать", "задержать", "арест", "задержание", "приговорить", "приговор", "суд", "осуждать",
              "обвинить", "обвинение", "дело", "расследование", "штраф", "оштрафовать", "казнь", "казнить",
              "освобождение", "экстрадиция", "допрос", "иск", "процесс", "заключение", "помиловать"),
    "violence": ("взрыв", "теракт", "авария", "дтп", "стрельба", "нападение", "атака", "пожар", "землетрясение",
                 "катастрофа", "война", "убить", "убийство", "крушение", "захват", "обстрел", "бой", "конфликт",
                 "протест", "акция", "митинг", "забастовка", "демонстрация", "беспорядки", "покушение",
                 "ранить", "ранение", "бомбардировка", "удар", "вторжение", "революция", "переворот"),
    "culture": ("матч", "чемпионат", "олимпиада", "концерт", "фестиваль", "турнир", "игра", "премия", "церемония",
                "выставка", "конкурс", "гонка", "вручение", "наградить", "премьера", "съёмки", "съемка", "тур",
                "гран-при", "финал", "полуфинал", "соревнование", "открытие", "презентация", "показ"),
}
EVENT_CLASSES: tuple[str, ...] = ("other",) + tuple(_CLASSES)
#: trigger lemma -> class index in EVENT_CLASSES
EVENT_CLASS_OF: dict[str, int] = {lemma: k + 1 for k, (_, lemmas) in enumerate(_CLASSES.items()) for lemma in lemmas}


def code(values: tuple[str, ...], value: str | None) -> int:
    """Index of ``value`` in ``values``; 0 (none/other) when absent."""
    try:
        return values.index(value or "")
    except ValueError:
        return 0
