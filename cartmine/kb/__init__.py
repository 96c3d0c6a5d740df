"""Knowledge bases that turn surface strings into the canonical names of the record contract.

The spaCy components find mentions; these loaders decide what a mention *means*. Keeping the
lexicons as plain, reviewable data files (``cartmine/resources``) with small pure-Python loaders
means curators can fix a brand name or a synonym without touching code, and the components stay
testable without models:

- :mod:`cartmine.kb.therapy_kb` -- products and drugs (INN/code norms, brands, codes, sponsors).
- :mod:`cartmine.kb.sponsors` -- companies, their aliases, and what is *not* a sponsor.
- :mod:`cartmine.kb.disease_ontology` -- a curated core disease lexicon merged with the full
  Disease Ontology when its release files are available (read by path, never copied).
"""
