"""Files shipped inside the ``kg`` package (HTML templates, scripts, styles).

Templates mark each value as ``@@DIPKG_NAME@@`` (capital letters); they are
filled in one pass, so that a value can never inject another placeholder.

>>> "<svg" in fill_template("graph.html", {"TITLE": "t", "STYLE": "", "SCRIPT": "", "DATA": "{}"})
True
"""
from __future__ import annotations

import re
from importlib import resources
from typing import Mapping

__all__ = ["fill_template", "read_asset"]

_PLACEHOLDER = re.compile(r"@@DIPKG_([A-Z]+)@@")


def read_asset(folder: str, name: str) -> str:
    """The text of ``kg/<folder>/<name>``.

    >>> read_asset("static", "viz.js") != ""
    True
    """
    return resources.files("kg").joinpath(folder, name).read_text(encoding="utf-8")


def fill_template(name: str, values: Mapping[str, str]) -> str:
    """``kg/templates/<name>`` with every ``@@DIPKG_KEY@@`` replaced by ``values[KEY]``.

    >>> page = fill_template("endpoint.html", {"URL": "u", "TIMEOUT": "1", "LIMIT": "2",
    ...                                        "EXAMPLEURL": "e", "EXAMPLE": "x"})
    >>> "@@DIPKG_" in page
    False
    """
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], read_asset("templates", name))
