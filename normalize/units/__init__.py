"""Department cells -> unit names: the model of how Chinese government units are named.

The family, one job a module: ``model`` (the grammar of a unit name and its cost),
``reading`` (what a piece of a cell reads as), ``collectives`` (各乡镇人民政府 and the
like), ``word_index`` (the model's words looked up by character), ``segment`` (the best
cut of one run of a cell), ``places`` (the places a document names) and
``departments`` (a whole cell read with evidence from the whole document, the family's
entry point: ``DepartmentReader``).
"""
