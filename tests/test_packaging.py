"""Packaging: environment.yml and pyproject.toml agree; the README's commands are what
CI runs."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _name(req: str) -> str:
    return (
        re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")
    )


def _pyproject_requirements():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(data["dependencies"])
    for extra in ("notebooks", "course", "test"):
        reqs += [
            r
            for r in data["optional-dependencies"][extra]
            if not r.startswith("lrnn-utils")
        ]
    return {_name(r): r.replace(" ", "") for r in reqs}


def _conda_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and not dep.startswith(("python", "pip")):
            out[_name(dep)] = dep.replace(" ", "")
    return out, env


def test_environment_yml_lists_the_same_packages_and_bounds():
    py = _pyproject_requirements()
    conda, _ = _conda_requirements()
    assert set(py) == set(conda), (
        f"only in pyproject: {set(py) - set(conda)}; only in environment.yml: "
        f"{set(conda) - set(py)}"
    )
    for name in py:
        assert py[name] == conda[name], (
            f"{name}: pyproject {py[name]!r} vs environment.yml {conda[name]!r}"
        )


def test_environment_installs_the_repo_editable():
    _, env = _conda_requirements()
    pip = [d for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip and "-e ." in pip[0]["pip"]


def _readme_commands():
    text = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    return [b.strip() for b in blocks]


def test_readme_has_the_two_commands_and_ci_runs_the_test_one():
    cmds = _readme_commands()
    lab = [
        c for c in cmds if "-m tools.lab" in c and "venv" in c and ".[notebooks]" in c
    ]
    tests = [c for c in cmds if "pytest" in c and "venv" in c]
    assert lab, (
        "README must give the command that installs and opens JupyterLab (python -m "
        "tools.lab)"
    )
    assert (ROOT / "tools" / "lab.py").is_file()
    assert tests, "README must give the command that runs the test suite"
    ci = (ROOT / ".ci" / "run").read_text()
    assert tests[0] in ci, ".ci/run must run the README's test command verbatim"
    assert "set -euo pipefail" in ci


def test_notebooks_listed_in_readme_exist():
    text = (ROOT / "README.md").read_text()
    for path in re.findall(r"\]\((notebooks/[^)]+\.ipynb)\)", text):
        assert (ROOT / path).exists(), f"README links {path}, which does not exist"


def _declared_lower_bounds():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "dependencies"
    ]
    declared = {}
    for d in deps:
        name, bound = re.match(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", d).groups()
        declared[name.lower()] = bound
    return declared


def _pins(path):
    pinned = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, ver = line.split("==")
            pinned[name.lower()] = ver.replace(".*", "")
    return pinned


def _version(v):
    return tuple(int(x) for x in v.split("."))


def test_lower_bounds_file_matches_pyproject():
    """.ci/lower-bounds-py311.txt (the oldest supported Python) pins exactly the lower
    bounds that pyproject.toml declares."""
    assert _pins(ROOT / ".ci" / "lower-bounds-py311.txt") == _declared_lower_bounds()


def test_lower_bounds_exist_for_every_supported_python():
    """Every Python from requires-python up to 3.13 has a lower-bounds file whose pins
    cover the declared dependencies and respect their lower bounds."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "requires-python"
    ]
    oldest = int(re.match(r">=3\.(\d+)", spec).group(1))
    declared = _declared_lower_bounds()
    for minor in range(oldest, 14):
        path = ROOT / ".ci" / f"lower-bounds-py3{minor}.txt"
        assert path.exists(), f"{path.name} is missing"
        pins = _pins(path)
        assert set(pins) == set(declared), path.name
        for name, bound in declared.items():
            assert _version(pins[name]) >= _version(bound), (path.name, name)


def test_public_names_resolve_and_the_readme_lists_every_module():
    """Every name in a module's ``__all__`` exists (no stale export of a removed
    function), and the README's module table names every module of lrnn_utils."""
    import importlib
    import pkgutil

    import lrnn_utils

    modules = [m.name for m in pkgutil.iter_modules(lrnn_utils.__path__)]
    for name in ["__init__"] + modules:
        mod = lrnn_utils if name == "__init__" else importlib.import_module(
            f"lrnn_utils.{name}")
        missing = [n for n in getattr(mod, "__all__", []) if not hasattr(mod, n)]
        assert not missing, f"lrnn_utils.{name}.__all__ names missing objects {missing}"
    readme = (ROOT / "README.md").read_text()
    table = readme.split("| module | holds |", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.M))
    documented = set(modules) - {"_validate"}  # argument checks: no science
    assert documented <= listed, sorted(documented - listed)
    assert listed <= set(modules), sorted(listed - set(modules))
