"""Training the Russian event-argument linker (:mod:`kg.extract.linker`) on NEREL v1.1 train.

Development-time code: the extractor never imports it. It reads NEREL (``kg.corpora``),
analyses each document as the Russian extractor does (:func:`kg.extract.ru.nlp.analyse`)
and writes the model files into the linker package, which the extractor loads. Kept here,
inside the Russian package, because it needs the Russian analysis, while the linker itself
needs nothing Russian: the extractor imports the linker, never the other way round.

    python -m kg.extract.ru.training.train --shared ../shared -j 2

* :mod:`.data`  -- NEREL documents as (event, candidate) items with their gold links
* :mod:`.learn` -- pair rows, cross-validation, thresholds and counts
* :mod:`.train` -- the selection by 5-fold CV and the final fit
"""
