"""Package discovery for setuptools.

The data files live in the top-level ``resources/`` folder of the checkout and are installed as the
``pm_desktop.resources`` package, so ``importlib.resources.files("pm_desktop.resources")`` finds
them both in an editable install and in a wheel. Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

# Every data folder under resources/ is listed as a (namespace) package of its own; without that,
# setuptools warns "Package would be ignored" once per folder on every install.
RESOURCE_PACKAGES = ["pm_desktop.resources"] + [
    f"pm_desktop.resources.{name}" for name in find_namespace_packages(where="resources")
]

setup(
    packages=find_packages(include=["pm_desktop", "pm_desktop.*"]) + RESOURCE_PACKAGES,
    package_dir={"pm_desktop.resources": "resources"},
)
