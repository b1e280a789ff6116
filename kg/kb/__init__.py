"""The shipped knowledge base: countries, cities, organizations, leaders and offices.

The data lives in ``kg/kb/data/*.tsv`` (UTF-8, one header row, list fields
separated by ``|``); ``SOURCES.md`` beside it says where each column came from.
Nothing is looked up online.

Schema (one file per type)::

    countries.tsv      id wikidata iso2 iso3 name_en name_ru aliases_en aliases_ru adj_en adj_ru capital status wikidata_alt
                       iso_numeric lat long leader
    cities.tsv         id wikidata name_en name_ru aliases_en aliases_ru country capital population lat long
    organizations.tsv  id wikidata name_en name_ru aliases_en aliases_ru adj_en adj_ru members observers partners as_of
    persons.tsv        id wikidata name_en name_ru aliases_en aliases_ru gender surname_en surname_ru name_ru_source
    lemmas.tsv         word lemmas   (cache of Russian lemmas of every name word, written by build)
    offices.tsv        person role of title_en title_ru start end source

Ids are local to their type; the graph id of an entry is ``"<type>/<id>"``
(``country/kz``, ``city/tianjin``, ``org/sco``, ``person/xi-jinping``).

Matching (:meth:`KnowledgeBase.lookup`) is case-, ё/е-, hyphen- and
diacritic-insensitive; Russian words are compared through all their
dictionary lemmas, so «Токаеву», «Казахстане» and «Шанхайской организации
сотрудничества» find their entries. It returns every candidate with the reason
it matched; choosing between candidates (Georgia the country or the state) is
the resolver's job, helped by :meth:`KnowledgeBase.rank`.

Modules: :mod:`~kg.kb.base` (the entries and :class:`KnowledgeBase`), :mod:`~kg.kb.loader`
(reading the tables), :mod:`~kg.kb.names` (comparing names), :mod:`~kg.kb.build` (writing the
tables from ``../shared/kbdata``, at development time; the places and the persons in
``build_places`` and ``build_people``, what both read in ``build_inputs``), :mod:`~kg.kb.commands` (``kg kb``).
"""
from __future__ import annotations

from .base import KBEntry, KnowledgeBase, Match, Office
from .loader import DATA_DIR, geo, load
from .names import name_stem, normalize, word_forms

__all__ = ["KBEntry", "Office", "Match", "KnowledgeBase", "load", "geo", "normalize", "word_forms", "name_stem",
           "DATA_DIR"]
