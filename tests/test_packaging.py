"""Packaging: environment.yml and pyproject.toml agree; the README's commands are what CI runs."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_requirements():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(data["dependencies"])
    for extra in ("notebooks", "test"):
        reqs += [r for r in data["optional-dependencies"][extra] if not r.startswith("lrnn-utils")]
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
    assert set(py) == set(conda), f"only in pyproject: {set(py) - set(conda)}; only in environment.yml: {set(conda) - set(py)}"
    for name in py:
        assert py[name] == conda[name], f"{name}: pyproject {py[name]!r} vs environment.yml {conda[name]!r}"


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
    lab = [c for c in cmds if "-m tools.lab" in c and "venv" in c and ".[notebooks]" in c]
    tests = [c for c in cmds if "pytest" in c and "venv" in c]
    assert lab, "README must give the command that installs and opens JupyterLab (python -m tools.lab)"
    assert (ROOT / "tools" / "lab.py").is_file()
    assert tests, "README must give the command that runs the test suite"
    ci = (ROOT / ".ci" / "run").read_text()
    assert tests[0] in ci, ".ci/run must run the README's test command verbatim"
    assert "set -euo pipefail" in ci


def test_notebooks_listed_in_readme_exist():
    text = (ROOT / "README.md").read_text()
    for path in re.findall(r"\]\((notebooks/[^)]+\.ipynb)\)", text):
        assert (ROOT / path).exists(), f"README links {path}, which does not exist"


def test_lower_bounds_file_matches_pyproject():
    """.ci/lower-bounds.txt pins exactly the lower bounds that pyproject.toml declares."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    declared = {}
    for d in deps:
        name, bound = re.match(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", d).groups()
        declared[name.lower()] = bound
    pinned = {}
    for line in (ROOT / ".ci" / "lower-bounds.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, ver = line.split("==")
            pinned[name.lower()] = ver.replace(".*", "")
    assert pinned == declared
