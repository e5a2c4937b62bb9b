"""A built wheel (not only an editable install) carries the corpus, gold and guidelines and finds them."""

import os
import subprocess
import sys
import zipfile

import pytest


@pytest.fixture(scope="module")
def wheel(repo, tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(repo)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("saidbench-*.whl")
    return path


def test_wheel_carries_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "saidbench/_data/corpus/documents.jsonl",
        "saidbench/_data/annotations/gold.jsonl",
        "saidbench/_data/guidelines/v1.0/schema.yaml",
        "saidbench/_data/annotations/v1.1/gold.jsonl",
        "saidbench/_data/guidelines/v1.1/schema.yaml",
        "saidbench/cli.py",
    ):
        assert required in names


def test_installed_wheel_validates_the_gold_from_any_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import saidbench, saidbench.resources as r, sys;"
        "print(r.data_root());"
        "sys.exit(saidbench.cli.main(['validate', str(r.gold_path()), '--kind', 'gold']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import saidbench.cli;" + code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(target / "saidbench" / "_data")
    assert "valid gold" in result.stdout


def test_the_wheel_takes_its_version_from_the_one_version_source(wheel):
    from saidbench._version import __version__

    assert wheel.name.startswith(f"saidbench-{__version__}-")
    names = zipfile.ZipFile(wheel).namelist()
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    assert f"\nVersion: {__version__}\n" in zipfile.ZipFile(wheel).read(metadata).decode()
