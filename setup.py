"""Build hook: copy the spaCy NER models from ``models/`` into the wheel as ``cartmine/_models/``.

Why a hook and not package_data: the design keeps trained models in the top-level ``models/``
folder (with their model cards and training scripts), outside the Python package, while an
installed cartmine must carry what its default pipeline sources. Every folder of ``models/``
that is a spaCy pipeline (it has ``meta.json``) is copied whole, whatever files it holds
(static vectors included). Other models -- the MiniLM token classifier ``models/ner_minilm``,
which needs the ``transformers`` extra -- stay out of the base wheel; see README "Models".
Everything else is configured in ``setup.cfg``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
MODELS = ROOT / "models"
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


def wheel_models() -> list[Path]:
    """The model folders the wheel carries: spaCy pipelines (``meta.json``) under ``models/``."""
    if not MODELS.is_dir():
        return []
    return sorted(p for p in MODELS.iterdir() if (p / "meta.json").is_file())


class BuildPyWithModels(build_py):
    """``build_py`` that also copies ``models/<name>/`` to ``<build>/cartmine/_models/<name>/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's models/ directly
        target_root = Path(self.build_lib) / "cartmine" / "_models"
        for model in wheel_models():
            target = target_root / model.name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(model, target, ignore=IGNORE)
            self.announce(f"copying model {model.name} -> {target}", level=2)


setup(cmdclass={"build_py": BuildPyWithModels})
