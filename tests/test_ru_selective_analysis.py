"""The Russian analysis parses only the sentences a tree-reading rule needs, and tags
only the context of names elsewhere; what it skips must not change what it returns."""
from kg.extract.ru import nlp

TEXT = (
    "Вчера в Новосибирске открылась выставка картин Аркадия Семёновича Лунина.\n\n"
    "Министр культуры региона встретился с художником в галерее на улице Ленина."
)


def _by_text(sents, word):
    return next(s for s in sents if word in s.text)


def test_only_sentences_with_a_cue_are_parsed():
    sents = nlp.analyse(TEXT)
    plain = _by_text(sents, "выставка")
    talks = _by_text(sents, "встретился")
    assert not plain.parsed and talks.parsed
    assert all(t.head == -1 and t.rel == "" for t in plain.tokens)
    root = [t for t in talks.tokens if t.rel == "root"]
    assert [t.lemma for t in root] == ["встретиться"]


def test_names_in_unparsed_sentences_are_normalised_in_context():
    plain = _by_text(nlp.analyse(TEXT), "выставка")
    normals = {sp.type: sp.normal for sp in plain.spans}
    assert normals["PER"] == "Аркадий Семенович Лунин"  # natasha writes ё as е
    assert normals["LOC"] == "Новосибирск"


def test_window_tags_equal_whole_sentence_tags():
    """Three convolutions of width three: a token WINDOW tokens inside a window's
    edge sees exactly what it sees in the whole sentence."""
    morph = nlp._raw(nlp.models()["morph"])
    words = ("По словам организаторов , вчера в Новосибирске открылась большая выставка "
             "картин Аркадия Семёновича Лунина и его учеников из трёх городов").split()
    name = [words.index("Аркадия"), words.index("Лунина")]
    a, b = name[0] - nlp.WINDOW, name[1] + 1 + nlp.WINDOW
    whole = list(morph([words]))[0]
    window = list(morph([words[a:b]]))[0]
    assert window[name[0] - a: name[1] + 1 - a] == whole[name[0]: name[1] + 1]


def test_dictionary_reading_prefers_a_name_inside_a_sentence_only():
    pos, feats, lemma = nlp._dictionary_reading("Путина")
    assert (pos, lemma, feats.get("Case")) == ("PROPN", "путин", "Gen")
    # a sentence's first word is capitalised anyway: «Того» opens a sentence as a pronoun
    assert nlp._dictionary_reading("Того", initial=True)[0] != "PROPN"
    # an unknown capitalised word keeps its written form rather than a guessed lemma
    assert nlp._dictionary_reading("Зурбаганом")[2] == "зурбаганом"
