"""Package discovery for setuptools.

The data files live in the top-level ``resources/`` folder of the checkout and are installed as the
``pm_desktop.resources`` package, so ``importlib.resources.files("pm_desktop.resources")`` finds
them both in an editable install and in a wheel. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["pm_desktop", "pm_desktop.*"]) + ["pm_desktop.resources"],
    package_dir={"pm_desktop.resources": "resources"},
)
