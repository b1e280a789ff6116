"""The package as users get it: a wheel installed without -e, in a fresh virtual environment.

The ontology, the SHACL shapes, the JSON-LD context and the named queries must be inside the
wheel (kg/ontology links to the published ontology/ folder). The fresh environment reaches the
dependencies already installed for the tests through a .pth line (so no download), but not the
checkout: commands run from a temporary folder, and the editable install's own .pth is not
processed there, so ``kg`` is the wheel's.
"""
from __future__ import annotations

import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp / "dist"), str(ROOT)], check=True, capture_output=True)
    wheel = next((tmp / "dist").glob("dipkg-*.whl"))
    env = tmp / "venv"
    venv.create(env, with_pip=True)
    py = env / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True,
                   capture_output=True)
    work = tmp / "work"
    shutil.copytree(ROOT / "examples", work / "examples", ignore=shutil.ignore_patterns("*.py"))
    return wheel, env / "bin" / "kg", work


def _kg(kg: Path, work: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(kg), *args], cwd=work, capture_output=True, text=True, timeout=600)


def test_wheel_carries_the_ontology_and_queries(installed):
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("dipkg.ttl", "shapes.ttl", "context.jsonld", "cameo.ttl", "plover.ttl", "queries/who-met-whom.rq"):
        assert f"kg/ontology/{f}" in names, f
    assert "kg/views/network.html" in names and "kg/kb/data/persons.tsv" in names
    published = (ROOT / "ontology" / "shapes.ttl").read_bytes()
    assert zipfile.ZipFile(wheel).read("kg/ontology/shapes.ttl") == published


def test_wheel_builds_validates_and_queries(installed):
    _, kg, work = installed
    where = _kg(kg, work, "--version")
    assert where.returncode == 0, where.stderr
    build = _kg(kg, work, "build", "examples", "-o", "out")
    assert build.returncode == 0, build.stderr
    assert (work / "out" / "graph.ttl").read_bytes() == (ROOT / "exports" / "graph.ttl").read_bytes()
    check = _kg(kg, work, "validate", "out/graph.ttl")
    assert check.returncode == 0 and "Conforms: True" in check.stdout, check.stdout + check.stderr
    names = _kg(kg, work, "query", "--list")
    assert "who-met-whom" in names.stdout, names.stderr
    met = _kg(kg, work, "query", "out/graph.ttl", "--name", "who-met-whom", "--format", "csv")
    assert met.returncode == 0, met.stderr
    assert "Tokayev" in met.stdout and "Xi Jinping" in met.stdout
    # the commands ran the wheel's code, not the checkout's
    origin = subprocess.run([str(kg.parent / "python"), "-c", "import kg; print(kg.__file__)"], cwd=work,
                            capture_output=True, text=True).stdout
    assert "site-packages" in origin and str(ROOT) not in origin
