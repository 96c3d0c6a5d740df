"""pipeline.cfg tells the truth: every factory setting is in it, with the factory's default."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language
from thinc.api import Config

import cartmine.components  # noqa: F401  (registers the factories)
from cartmine.pipeline import DEFAULT_CONFIG_PATH, load_config

CONFIG = Config().from_disk(DEFAULT_CONFIG_PATH)
FACTORY_COMPONENTS = sorted(name for name, section in CONFIG["components"].items() if "factory" in section)


@pytest.mark.parametrize("name", FACTORY_COMPONENTS)
def test_config_lists_every_setting_with_the_factory_default(name: str) -> None:
    section = dict(CONFIG["components"][name])
    defaults = Language.get_factory_meta(section.pop("factory")).default_config
    assert section == defaults


def test_the_header_example_overrides_a_setting_that_exists() -> None:
    header = DEFAULT_CONFIG_PATH.read_text().split("[paths]")[0]
    keys = re.findall(r'overrides=\{"([\w.]+)"', header)
    assert keys
    for dotted in keys:
        node = CONFIG
        for part in dotted.split("."):
            assert part in node, dotted
            node = node[part]


def test_overrides_use_spacys_mechanism_and_reach_the_component() -> None:
    config = load_config(overrides={"components.context.window": 4, "paths.ontology": "/nowhere"})
    assert config["components"]["context"]["window"] == 4
    assert config.interpolate()["components"]["disease_linker"]["ontology_path"] == "/nowhere"
