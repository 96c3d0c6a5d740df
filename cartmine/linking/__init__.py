"""The record linker: pure functions from one document's mentions to contract records.

``link_records(mentions, layout)`` needs no spaCy: :class:`~cartmine.result.Mention` objects
and a :class:`DocumentLayout` (text, sentence offsets, title end, abstract sections) are all it
reads, so tests can build documents by hand. ``components/records.py`` is the spaCy wrapper.
"""

from cartmine.linking.config import LinkingConfig, LinkingConfigError, load_config
from cartmine.linking.layout import DocumentLayout, Section, find_sections
from cartmine.linking.records import link_records

__all__ = ["DocumentLayout", "LinkingConfig", "LinkingConfigError", "Section", "find_sections", "link_records",
           "load_config"]
