"""Knowledge bases that turn surface strings into the canonical names of the record contract.

The spaCy components find mentions; these loaders decide what a mention *means*. Keeping the
lexicons as plain, reviewable data files (``cartmine/resources``) with small pure-Python loaders
means curators can fix a brand name or a synonym without touching code, and the components stay
testable without models:

- :mod:`cartmine.kb.therapy_kb` -- products and drugs (INN/code norms, brands, codes, sponsors).
- :mod:`cartmine.kb.sponsors` -- companies, their aliases, and what is *not* a sponsor.
- :mod:`cartmine.kb.disease_ontology` -- disease look-up, ancestors and groups over a curated core
  lexicon merged with the full Disease Ontology when its release files are available (read by
  path, never copied): :mod:`~cartmine.kb.do_release` reads and merges the files,
  :mod:`~cartmine.kb.names` says when two names are the same, :mod:`~cartmine.kb.cache` keeps
  the parsed result on disk.
- :mod:`cartmine.kb.concept_index` -- nearest DO concepts of a free-text name by MiniLM
  embeddings (the embedding linker's candidates).

The contract's closed lists and comparison keys are in :mod:`cartmine.contract`.
"""
