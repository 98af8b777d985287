"""Re-fetch the vendored front-end files in ``assets/`` from pinned npm packages.

Run from the repository root::

    python scripts/vendor_assets.py            # fetch with `npm pack`, verify, write into assets/
    python scripts/vendor_assets.py --check    # no network: verify the committed files only

What it does:

1. ``npm pack NAME@VERSION`` for each pinned package into a temporary folder (nothing is left
   behind: no node_modules, no tarball) and checks each tarball against a pinned sha256;
2. reads the files used from each tarball and checks each against a pinned sha256;
3. derives ``assets/fonts.css`` (the package's @font-face rules for the subsets and weights we
   ship, woff2 only, URLs made relative to ``assets/``) and ``assets/topojson/*.json`` (extracted
   from ``dist/plotly-geo-assets.js`` of ``plotly.js`` with node, in a sandbox without
   ``require``), and checks the topojson output against pinned sha256s too;
4. only once everything has been verified, writes the files into ``assets/`` and regenerates
   ``assets/PROVENANCE.md``.

Only the files listed here are written; anything else in ``assets/`` is left alone.  Failures
(no npm or node, the registry unreachable, a checksum that differs) are printed as one clear
message and the exit code is 1; there is no traceback.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ASSETS = REPO_ROOT / "assets"
CLIENT_TIMEOUT_S = 600


class VendorError(Exception):
    """A failure with a message meant for the person running the script."""


# --------------------------------------------------------------------------------------------
# Pins
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    tarball_sha256: str
    licence: str

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def tarball_name(self) -> str:
        # npm pack names scoped packages "scope-name-version.tgz"
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}.tgz"


@dataclass(frozen=True)
class Copied:
    """A file copied byte for byte out of a package, after an optional first line of ours."""

    dest: str  # path below assets/
    package: NpmPackage
    inner: str  # path inside the tarball
    sha256: str  # of the package's file, and of what follows ``prefix`` in ours
    prefix: bytes = b""


# V8's explicit compile hint (Chromium 136 and later; a plain comment to other engines): every
# function of the file is compiled while it streams in, off the main thread, instead of one by
# one on the main thread when first called. Plotly's bundle runs most of its 1.4 MB as it loads:
# its evaluation took 340-500 ms of the main thread at each page load here, 60-70 ms with the hint.
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"


FONT = NpmPackage(
    "@fontsource/noto-nastaliq-urdu",
    "5.3.0",
    "80690ba85bdfbd96769337da894e1485a0b4aa597cb28a04f1b26e14487847e2",
    "OFL-1.1 (SIL Open Font License 1.1), Copyright 2022 The Noto Project Authors",
)
PLOTLY_GEO = NpmPackage(
    "plotly.js-geo-dist-min",
    "4.1.1",
    "018f2d45ea703cdf0d92aba7a4679dabdeb91f8e3a5c7f4b8c2fa7b2c9ff2eb5",
    "MIT, Copyright (c) 2016-2024 Plotly Technologies Inc. (bundled third-party notices are kept "
    "in the file's comments)",
)
PLOTLY = NpmPackage(
    "plotly.js",
    "4.1.1",
    "601a93ad96b7b533deb02f8d1e01928b1e675b8eec1941c828aa46b18e7942b9",
    "MIT (package), Copyright (c) 2016-2024 Plotly Technologies Inc.; the map data is built by "
    "Plotly from United Nations geodata (coastlines, countries, land, ocean) and Natural Earth "
    "(lakes, rivers, subunits; public domain), see the package's CHANGELOG (v3.1.0, #7393)",
)
PERSIAN_FONT = NpmPackage(
    "@fontsource/vazirmatn",
    "5.3.0",
    "118ce3ae3eaf72b55e53915c5c9afd5e67e0f0f2197b7fdae6aa77017eef5e90",
    "OFL-1.1 (SIL Open Font License 1.1), Copyright 2015 The Vazirmatn Project Authors",
)
WEBM_MUXER = NpmPackage(   # the animation export (assets/exports.js) writes its WebM with it
    "webm-muxer",
    "5.1.4",
    "36ece4765ce3e044fbf5b70fbf798b399892ff21f6b001348302f1c45e1b3183",
    "MIT, Copyright (c) 2022 Vanilagy",
)
# Dash's bundles are compiled against `regeneratorRuntime`, which Dash provides with the whole of
# @babel/polyfill (core-js): 236 ms of script evaluation on a page load here, and a slower
# String.prototype.trim ever after. The app serves this 25 kB runtime instead (dashboard/page_scripts.py).
REGENERATOR = NpmPackage(
    "regenerator-runtime",
    "0.14.1",
    "7e8df38fb205ed668cb38d9d9b154ba3ea14786b0480c21f26f3a95b90497c20",
    "MIT, Copyright (c) 2014-present, Facebook, Inc.",
)
PACKAGES = (FONT, PERSIAN_FONT, PLOTLY_GEO, PLOTLY, WEBM_MUXER, REGENERATOR)


@dataclass(frozen=True)
class WebFont:
    """One font family: the woff2 files we ship (subset, weight -> sha256) and the css made for them."""

    family: str
    slug: str  # the package's file-name prefix
    package: NpmPackage
    files: dict
    css: str  # the generated stylesheet, below assets/
    css_sha256: str  # change it together with build_fonts_css
    css_sources: dict  # weight -> (path of the package's per-weight css, sha256)


WEB_FONTS = (
    WebFont(
        "Noto Nastaliq Urdu", "noto-nastaliq-urdu", FONT,
        {
            ("arabic", 400): "fecd45d69436d911d79ff10fc39ca7f7022cbe05214bc07f931820b7c7a7d15c",
            ("arabic", 700): "315f55145f2ce0c92aad3117f970153093486dd52db04c1b45ec26df26bb798f",
            ("latin", 400): "648bc327b0249e93288c6066dde54a2dcf499d587c69d4118044dfa9de6a8d35",
            ("latin", 700): "7fc537c07de52937b3f92e99c110ad28cf408b777663839438d0359e5ad8ed81",
        },
        "fonts.css", "f6611a9b209e98cadcb732174c5a3f36273e62bf4073ee2b5dab0aa24e5aeede",
        # the package's per-weight css (which, unlike the per-subset css, carries the
        # unicode-range of each subset)
        {
            400: ("package/400.css", "3745b7a5db7a0340df65c2d585c7ff65d06cc59ae87f5a6cae0544dc51c927ca"),
            700: ("package/700.css", "629036c578d06493ec665801457db2f4a21c00678a01d402d2c878adb31ec97a"),
        },
    ),
    # Persian is set in Naskh (Vazirmatn), not in Urdu's Nastaliq; Latin falls back to the page font.
    WebFont(
        "Vazirmatn", "vazirmatn", PERSIAN_FONT,
        {
            ("arabic", 400): "e31830d3a52e0259b176326385d82bc469581a9898046300de46e5c00f6b7064",
            ("arabic", 700): "aa79f9419fa0f5efcf301158b7405d188c4d434c86c32efad1e8669752feb344",
        },
        "fonts-fa.css", "8e7c0981c6a488d3fc1c4f9878a3e50e64ef9e25071aa4c72544208e87ad71b1",
        {
            400: ("package/400.css", "4243127feaf4f3afda34f45e5e258d8f7ca268033ab12a5f525990d4d8eaf8fe"),
            700: ("package/700.css", "dc59bc99251c55bad4312824ba9ee255df568a3a0348dc06935e0229906d2624"),
        },
    ),
)

COPIED: tuple[Copied, ...] = (
    *(
        Copied(
            f"fonts/{font.slug}-{subset}-{weight}-normal.woff2",
            font.package,
            f"package/files/{font.slug}-{subset}-{weight}-normal.woff2",
            sha,
        )
        for font in WEB_FONTS
        for (subset, weight), sha in font.files.items()
    ),
    Copied("fonts/OFL.txt", FONT, "package/LICENSE", "7bf7d1817212a17ca88f90072afe1253b54bb02b1730f09da4247625eb04f745"),
    Copied(
        "fonts/OFL-Vazirmatn.txt", PERSIAN_FONT, "package/LICENSE",
        "e6f4ce7b6c830d5a25a4f8ac777c267cd7d3c180bc2a7150ca57cbb9b280c4b7",
    ),
    Copied(
        "vendor/plotly-geo.min.js",
        PLOTLY_GEO,
        "package/plotly-geo.min.js",
        "3da0a26e92ce47dad2b18c6e7cf5018335a003f50f5fe41710f52508af579b7c",
        COMPILE_HINT,
    ),
    Copied("vendor/webm-muxer.js", WEBM_MUXER, "package/build/webm-muxer.js",
           "8f072405cf7c9e23ae600948cb0ca2ff78c0277b3d78951cd4697b36d88ebd7b"),
    Copied("vendor/LICENSE-webm-muxer.txt", WEBM_MUXER, "package/LICENSE",
           "1619f937fa43f768d38d2bfb35d228258e0dffe1f71c4202b338df20e68ff680"),
    Copied("vendor/regenerator-runtime.js", REGENERATOR, "package/runtime.js",
           "7beda998b3fd277f3548e12b277bafc3037d243421f007032d38dffee412224c"),
    Copied("vendor/LICENSE-regenerator-runtime.txt", REGENERATOR, "package/LICENSE",
           "51887a3d47051ac2fce1210562e5b9fe0830a8a8fabeb272c2d586eeb18a05fd"),
)

PLOTLY_LICENSE = ("package/LICENSE", "8c45d9eaf50c2f72dd9c7ab9ef440788ba58a3538484b5c51c1f17d5128752e7")
GEO_ASSETS = ("package/dist/plotly-geo-assets.js", "e89b4d6d2308d0e662592614823c3a442cd7f537a633987137efac0e882f5508")

# sha256 of `JSON.stringify(topojson[name])` for every map inside plotly-geo-assets.js 4.1.1.
# plotly.js asks for "<scope>_<resolution>m.json" (layout.geo.scope, layout.geo.resolution).
TOPOJSON_PINS = {
    "africa_110m": "0364f4b9a6b16dc03ebca91c9d5eefefb4f9e6eb8c35d6263592f8bb4b647136",
    "africa_50m": "eb59be3a8d250e20db5ed069057f810f765444a42eb433fc4d9907e0747ae274",
    "antarctica_110m": "714c979ddb04b034e7749b829a18ea74a6d9ea27aeab5bf04e827f86b920fdb1",
    "antarctica_50m": "a6c65b034734110bc46aa057e3ff632abd85fa19120be4c188c08525c2958e78",
    "asia_110m": "cd32cc41ffe375e9b026159cb5b3acaeda5d802c2154463b26d22587d2661ef3",
    "asia_50m": "4a3c9f6152c2e360ef1b4637efcf31a62c7f9dfe05222f9eaac817c054d3b84a",
    "europe_110m": "11dd75b5c85db2339c5c0b314612a19374216c64b0090d192de31f841785d016",
    "europe_50m": "411738804af5616439685fece8d9e57ff4b6e65df1c5cd4cb00e394a4807c9d5",
    "north-america_110m": "f52f86860953f710613809587f59a855e8074a2d2eaa25ef913ef3a4b61b0c8e",
    "north-america_50m": "084baaa2363868e675cdd64c1d1f3a9be5c9ec7809dea8dd61cb3e10825df92c",
    "oceania_110m": "50dbce96b3a3e1be04beda1a80101eb9bcd0558cf330bdd3f6b98d61ff781cea",
    "oceania_50m": "28357f27a07e1a67e0ae1bae9210dc8f294d9b2981161678728ae44cb285dda7",
    "south-america_110m": "c21f1509ddb9fea737f898c9fab4d43a4060e9d214712a5acaede11cd8915482",
    "south-america_50m": "694c425d6411e3f5f5e77dcd6b7722b6e47329565141c02a2f241ccd3c873e57",
    "usa_110m": "fc83e70129aa4911c0ab6e42faadd854e4ec1da71a095785c294e999e34c4d58",
    "usa_50m": "37670105d23a569a56a8ad9da01fdc45582bb66bd6d4f58b22175fa29c98c92f",
    "world_110m": "e1bf51740ad28396265e52123ea7315d692f112664ab2cb0f1ea76a96fe1bb0a",
    "world_50m": "20a160dbd13dd2bfa22f1858c0ae657860ea066d889563c51da383fd9696d759",
}
# The maps we ship. The app's geo subplot uses scope "world" at the default resolution (110);
# "asia" is there for a map scoped to the region. Add a name here (and re-run) if the app
# switches to another scope or to resolution 50: plotly.js then asks for that file.
TOPOJSON_SHIPPED = ("world_110m", "asia_110m")

# Run inside node: evaluate plotly-geo-assets.js in a fresh V8 context that has no `require`
# and no `process` (only a stub `window` and `module`), then write each requested map.
NODE_EXTRACT = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
const [src, outDir, ...names] = process.argv.slice(1);
const sandbox = {window: {}, module: {exports: {}}};
vm.runInNewContext(fs.readFileSync(src, "utf8"), sandbox, {filename: path.basename(src), timeout: 120000});
const assets = sandbox.module.exports;
if (!assets || !assets.topojson) { console.error("no `topojson` export in " + src); process.exit(3); }
for (const name of names) {
  if (!(name in assets.topojson)) { console.error("no map named " + name + " in " + src); process.exit(4); }
  fs.writeFileSync(path.join(outDir, name + ".json"), JSON.stringify(assets.topojson[name]));
}
"""


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(cmd: list[str], what: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    try:
        proc = subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, timeout=CLIENT_TIMEOUT_S, check=False,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except FileNotFoundError:
        raise VendorError(f"{what}: {cmd[0]!r} is not installed (install node and npm)") from None
    except subprocess.TimeoutExpired:
        raise VendorError(f"{what}: took longer than {CLIENT_TIMEOUT_S} s; is the npm registry reachable?") from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-12:])
        raise VendorError(f"{what}: `{' '.join(cmd[:3])} ...` exited {proc.returncode}:\n{tail}")
    return proc


def npm_pack(pkg: NpmPackage, dest: Path) -> Path:
    say(f"fetching npm:{pkg.spec}")
    run(["npm", "pack", pkg.spec, "--pack-destination", str(dest), "--ignore-scripts"], f"fetching {pkg.spec}")
    got = dest / pkg.tarball_name
    if not got.exists():
        found = ", ".join(sorted(p.name for p in dest.iterdir())) or "nothing"
        raise VendorError(f"`npm pack {pkg.spec}` gave {found}, expected {pkg.tarball_name}")
    actual = sha256_bytes(got.read_bytes())
    if actual != pkg.tarball_sha256:
        raise VendorError(
            f"checksum mismatch for {pkg.tarball_name} (npm:{pkg.spec}):\n"
            f"  expected sha256 {pkg.tarball_sha256}\n  got      sha256 {actual}\n"
            "Nothing was written. Review the package before pinning a new checksum in "
            "scripts/vendor_assets.py."
        )
    return got


def read_inner(tarball: Path, inner: str, sha256: str) -> bytes:
    try:
        with tarfile.open(tarball, "r:gz") as tf:
            member = tf.extractfile(inner)
            if member is None:
                raise KeyError(inner)
            data = member.read()
    except KeyError:
        raise VendorError(f"{tarball.name} has no file {inner}") from None
    except (tarfile.TarError, OSError) as exc:
        raise VendorError(f"cannot read {tarball.name}: {exc}") from None
    actual = sha256_bytes(data)
    if actual != sha256:
        raise VendorError(
            f"checksum mismatch for {inner} inside {tarball.name}:\n"
            f"  expected sha256 {sha256}\n  got      sha256 {actual}"
        )
    return data


# --------------------------------------------------------------------------------------------
# Derived files
# --------------------------------------------------------------------------------------------

def build_fonts_css(font: WebFont, css_by_weight: dict[int, str]) -> bytes:
    """@font-face rules for the shipped subsets and weights, woff2 only, relative URLs."""
    face_re = re.compile(rf"/\* ({font.slug}-([a-z-]+)-(\d+)-normal) \*/\s*@font-face\s*\{{(.*?)\}}", re.S)
    wanted = set(font.files)
    blocks: list[str] = []
    for weight in sorted(css_by_weight):
        faces = {(m.group(2), int(m.group(3))): m.group(4) for m in face_re.finditer(css_by_weight[weight])}
        for subset in ("arabic", "latin"):  # arabic first: it is the subset the app is for
            if (subset, weight) not in wanted:
                continue
            body = faces.get((subset, weight))
            if body is None:
                raise VendorError(f"no @font-face for {subset} {weight} in the package's {weight}.css")
            decls = dict(
                (k.strip(), v.strip())
                for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d)
            )
            family = decls.get("font-family", "").strip("'\"")
            if family != font.family or decls.get("font-weight") != str(weight) or "unicode-range" not in decls:
                raise VendorError(f"unexpected @font-face for {subset} {weight} in {weight}.css: {body.strip()}")
            name = f"{font.slug}-{subset}-{weight}-normal.woff2"
            blocks.append(
                f"/* {font.family} {weight}, {subset} subset */\n"
                "@font-face {\n"
                f"  font-family: '{font.family}';\n"
                f"  font-style: {decls.get('font-style', 'normal')};\n"
                "  font-display: swap;\n"
                f"  font-weight: {weight};\n"
                f"  src: url(fonts/{name}) format('woff2');\n"
                f"  unicode-range: {decls['unicode-range']};\n"
                "}\n"
            )
    licence = "fonts/OFL.txt" if font.package is FONT else f"fonts/OFL-{font.family}.txt"
    subsets = " + ".join(sorted({subset for subset, _ in font.files}))
    header = (
        f"/* {font.family} (SIL OFL 1.1, see {licence}), self-hosted. Generated by\n"
        f"   scripts/vendor_assets.py from npm {font.package.spec} (400.css, 700.css):\n"
        f"   woff2 only, {subsets} subsets, URLs relative to this file. Do not edit by hand. */\n"
    )
    return (header + "\n" + "\n".join(blocks)).encode("utf-8")


def extract_topojson(geo_assets_js: bytes, names: tuple[str, ...], work: Path) -> dict[str, bytes]:
    src = work / "plotly-geo-assets.js"
    src.write_bytes(geo_assets_js)
    out = work / "topojson"
    out.mkdir()
    say(f"extracting {', '.join(names)} from plotly-geo-assets.js (node)")
    run(["node", "-e", NODE_EXTRACT, str(src), str(out), *names], "extracting topojson")
    result: dict[str, bytes] = {}
    for name in names:
        data = (out / f"{name}.json").read_bytes()
        actual = sha256_bytes(data)
        if actual != TOPOJSON_PINS[name]:
            raise VendorError(
                f"checksum mismatch for extracted topojson {name}.json:\n"
                f"  expected sha256 {TOPOJSON_PINS[name]}\n  got      sha256 {actual}"
            )
        json.loads(data)  # it must be plain JSON
        result[f"topojson/{name}.json"] = data
    return result


# --------------------------------------------------------------------------------------------
# PROVENANCE.md
# --------------------------------------------------------------------------------------------


def size_text(data: bytes) -> str:
    return f"{len(data):,} B ({len(gzip.compress(data, 9, mtime=0)):,} B gzip)"


def provenance(files: dict[str, bytes], plotly_license: str) -> bytes:
    rows: list[str] = []

    def row(dest: str, pkg: NpmPackage, inner: str, how: str) -> None:
        data = files[dest]
        rows.append(
            f"| `assets/{dest}` | `{pkg.name}` | {pkg.version} | `{inner}` | {how} | "
            f"`{sha256_bytes(data)}` | {size_text(data)} | {pkg.licence} |"
        )

    for c in COPIED:
        row(c.dest, c.package, c.inner,
            f"copied, after a first line `{c.prefix.decode().strip()}` (see Notes)" if c.prefix else "copied")
    for font in WEB_FONTS:
        row(font.css, font.package, "package/400.css, package/700.css", "generated: @font-face rules rewritten")
    for name in TOPOJSON_SHIPPED:
        row(f"topojson/{name}.json", PLOTLY, GEO_ASSETS[0], f"extracted: `JSON.stringify(topojson[\"{name}\"])`")

    css_inputs = ";\n".join(
        ", ".join(f"`{inner}` sha256 `{sha}`" for inner, sha in font.css_sources.values()) + f" (from `{font.package.spec}`)"
        for font in WEB_FONTS
    )
    pkg_rows = [
        f"| `{p.name}` | {p.version} | `{p.tarball_name}` | `{p.tarball_sha256}` |" for p in PACKAGES
    ]
    plotly_geo_pin = next(c.sha256 for c in COPIED if c.dest == "vendor/plotly-geo.min.js")
    text = f"""# Vendored front-end assets

Generated by `python scripts/vendor_assets.py`, which fetches every file below with `npm pack`
into a temporary folder, checks the pinned sha256 of each tarball and of each file inside it,
and writes them here. `python scripts/vendor_assets.py --check` checks the committed files against
the same pins without the network. Do not edit the files, or this one, by hand.

## Files

| file | npm package | version | path inside the package | how | sha256 | size | licence |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Inputs that are not copied but checked: {css_inputs};
`{GEO_ASSETS[0]}` sha256 `{GEO_ASSETS[1]}` (from `{PLOTLY.spec}`).

## Package tarballs (`npm pack` output)

| package | version | tarball | sha256 |
|---|---|---|---|
{chr(10).join(pkg_rows)}

## Notes

- `vendor/plotly-geo.min.js` is plotly.js's partial "geo" bundle (core + `scattergeo` +
  `choropleth`). After its first line it is byte-identical to `dist/plotly-geo.min.js` of
  `{PLOTLY.spec}` (sha256 `{plotly_geo_pin}`); the first line, `{COMPILE_HINT.decode().strip()}`,
  is V8's explicit compile hint: Chromium compiles the whole bundle off the main thread while it
  streams in, instead of function by function on the main thread as it runs. Loaded as a
  page script it sets `window.Plotly`, and Dash's `dcc.Graph` then uses it instead of loading
  the full `plotly.min.js`. Dash loads every `.js` under `assets/` in sorted path order, files at
  the top of `assets/` first, then each sub-folder in name order: do not put JavaScript that
  uses `Plotly` at load time at the top level of `assets/` or in a folder sorting before `vendor/`.
- `topojson/*.json` are the base maps plotly.js fetches for a geo subplot (by default from a
  CDN). The app's graphs set the config `topojsonURL` to the app's `assets/topojson/` URL.
  `plotly-geo-assets.js` itself must never go into `assets/`: it replaces `window.Plotly`.
- Fonts: OFL-1.1, full texts in `fonts/OFL.txt` (Noto Nastaliq Urdu) and `fonts/OFL-Vazirmatn.txt`
  (Vazirmatn, the Naskh face Persian is set in; Nastaliq is Urdu's convention, not Persian's).

## plotly.js licence (`{PLOTLY_LICENSE[0]}` of `{PLOTLY_GEO.spec}` and `{PLOTLY.spec}`)

```
{plotly_license.strip()}
```
"""
    return text.encode("utf-8")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def expected_pins() -> dict[str, tuple[str, bytes]]:
    """Each written file: the sha256 pinned for it, and the first line of ours it starts with."""
    pins = {c.dest: (c.sha256, c.prefix) for c in COPIED}
    for font in WEB_FONTS:
        pins[font.css] = (font.css_sha256, b"")
    for name in TOPOJSON_SHIPPED:
        pins[f"topojson/{name}.json"] = (TOPOJSON_PINS[name], b"")
    return pins


def fetch_all(work: Path) -> dict[str, bytes]:
    tarballs = {p.name: npm_pack(p, work) for p in PACKAGES}
    files: dict[str, bytes] = {}
    for c in COPIED:
        files[c.dest] = c.prefix + read_inner(tarballs[c.package.name], c.inner, c.sha256)
    for font in WEB_FONTS:
        css = {
            weight: read_inner(tarballs[font.package.name], inner, sha).decode("utf-8")
            for weight, (inner, sha) in font.css_sources.items()
        }
        files[font.css] = build_fonts_css(font, css)
        actual = sha256_bytes(files[font.css])
        if actual != font.css_sha256:
            raise VendorError(
                f"the generated {font.css} has sha256 {actual}, pinned {font.css_sha256}; if "
                "build_fonts_css was changed on purpose, review the output and update the WebFont's css_sha256"
            )
    geo_assets = read_inner(tarballs[PLOTLY.name], *GEO_ASSETS)
    files.update(extract_topojson(geo_assets, TOPOJSON_SHIPPED, work))
    plotly_license = read_inner(tarballs[PLOTLY_GEO.name], *PLOTLY_LICENSE).decode("utf-8")
    files["PROVENANCE.md"] = provenance(files, plotly_license)
    return files


def write_files(files: dict[str, bytes], assets: Path) -> None:
    for dest, data in files.items():
        target = assets / dest
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        except OSError as exc:
            raise VendorError(f"cannot write {target}: {exc.strerror or exc}") from None
        say(f"wrote    {target} ({size_text(data)})")


def check(assets: Path) -> None:
    problems = []
    for dest, (sha, prefix) in expected_pins().items():
        path = assets / dest
        if not path.is_file():
            problems.append(f"missing  {path}")
            continue
        data = path.read_bytes()
        if not data.startswith(prefix):
            problems.append(f"changed  {path}: its first line is not {prefix.decode().strip()!r}")
            continue
        actual = sha256_bytes(data[len(prefix):])
        if actual != sha:
            problems.append(f"changed  {path}: sha256 {actual}, pinned {sha}" + (" (after its first line)" if prefix else ""))
    if not (assets / "PROVENANCE.md").is_file():
        problems.append(f"missing  {assets / 'PROVENANCE.md'}")
    if problems:
        raise VendorError(
            "the vendored assets do not match the pins:\n  " + "\n  ".join(problems)
            + "\nRun `python scripts/vendor_assets.py` to restore them."
        )
    say(f"ok       {len(expected_pins())} vendored files in {assets} match their pinned sha256")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python scripts/vendor_assets.py",
        description="Fetch the pinned npm packages and (re)write the vendored files in assets/.",
    )
    parser.add_argument("--assets-dir", type=Path, default=DEFAULT_ASSETS, help="default: assets/ of this repository")
    parser.add_argument("--check", action="store_true", help="only verify the committed files (no network)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            check(args.assets_dir)
            return 0
        with tempfile.TemporaryDirectory(prefix="vendor-assets-") as tmp:
            files = fetch_all(Path(tmp))
        write_files(files, args.assets_dir)
        check(args.assets_dir)
    except VendorError as exc:
        say(f"vendor_assets: error: {exc}")
        return 1
    except KeyboardInterrupt:
        say("vendor_assets: interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001 - the promise is a clear message, never a traceback
        say(f"vendor_assets: unexpected error: {type(exc).__name__}: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
