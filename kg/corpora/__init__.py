"""Annotated corpora: their file formats and definitions shared by learning and measuring.

A leaf of the package (it imports only the knowledge base's name normalisation): the linker's
training (:mod:`kg.extract.ru.training.train`) and the evaluations (:mod:`kg.evaluation`) both read
corpora through it, so what a gold meeting is, or how a brat file is read, is written once.

* :mod:`kg.corpora.brat`  -- brat standoff (NEREL): entities, discontinuous spans, relations, links
* :mod:`kg.corpora.nerel` -- what counts as a meeting-like NEREL EVENT, and name lemmas
"""
