"""Packages are found, never listed: every `hamtimer*` package, plus programs/ as hamtimer.programs.

pyproject.toml's `[tool.setuptools.packages.find]` cannot name a package whose folder lies outside
its own tree (programs/ is mapped by `package-dir`), so the one call that can is here.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["hamtimer", "hamtimer.*"]), "hamtimer.programs"])
