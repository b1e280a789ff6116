"""Re-fetch the vendored JavaScript and shapes from the npm registry and check them (dev time only).

    python kg/views/vendor/update.py            # check: every kept file equals the one in the package
    python kg/views/vendor/update.py --write    # copy the files in and rewrite VENDOR.json

Each package in ``VENDOR.json`` is fetched with ``npm pack NAME@VERSION`` (the npm client,
into a temporary folder), its tarball's integrity is compared with the pinned ``integrity``
(SRI sha512 as the registry publishes it) and each kept file's sha256 with the pinned one.
To move to a new version, edit ``version`` in VENDOR.json and run with ``--write``: the
integrity and hashes are then taken from the new tarball and printed for review.

Nothing here runs at build or page time: ``kg/views/overview.py`` only reads the files kept
beside this script, and the page it writes makes no request.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
MANIFEST = HERE / "VENDOR.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def fetch(name: str, version: str, tmp: Path) -> Path:
    out = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(tmp)],
                         check=True, capture_output=True, text=True, cwd=tmp).stdout
    filename = json.loads(out)[0]["filename"]
    return tmp / filename


def check_package(pkg: dict, tmp: Path, write: bool) -> list[str]:
    """Problems found with one package (empty: all good); with ``write``, copy and re-pin."""
    problems = []
    tgz = fetch(pkg["package"], pkg["version"], tmp)
    raw = tgz.read_bytes()
    got = integrity(raw)
    if got != pkg.get("integrity"):
        if write:
            print(f"{pkg['package']}@{pkg['version']}: integrity {got}")
            pkg["integrity"] = got
        else:
            problems.append(f"{pkg['package']}: tarball integrity {got} != pinned {pkg.get('integrity')}")
    folder = HERE / pkg["folder"]
    with tarfile.open(tgz) as tar:
        for f in pkg["files"]:
            member = tar.extractfile("package/" + f["from"])
            if member is None:
                problems.append(f"{pkg['package']}: {f['from']} missing from the tarball")
                continue
            data = member.read()
            digest = sha256(data)
            kept = folder / f["name"]
            if write:
                folder.mkdir(parents=True, exist_ok=True)
                kept.write_bytes(data)
                f["sha256"], f["bytes"] = digest, len(data)
                continue
            if digest != f["sha256"]:
                problems.append(f"{pkg['package']}: {f['from']} sha256 {digest} != pinned {f['sha256']}")
            if not kept.is_file() or sha256(kept.read_bytes()) != f["sha256"]:
                problems.append(f"{pkg['package']}: kept file {pkg['folder']}/{f['name']} differs from the pin")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="copy the files in and re-pin VENDOR.json")
    args = ap.parse_args(argv)
    if shutil.which("npm") is None:
        print("update.py needs the npm client", file=sys.stderr)
        return 2
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in manifest["packages"]:
            problems += check_package(pkg, Path(tmp), args.write)
    if args.write:
        MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for p in problems:
        print(p, file=sys.stderr)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
