"""Transfer: the build's precompressed copies (.br, .gz) are served by Accept-Encoding, by site_build/static_server.py and
by Debian's nginx with README's snippet, with the right Content-Type, Content-Encoding, Vary and Cache-Control; in
Chromium they decode to exactly the files of the build."""

from __future__ import annotations

import grp
import gzip
import hashlib
import http.client
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import brotli  # type: ignore[import-untyped]
import pytest
from playwright.sync_api import Page
from site_build.static_server import start_server

REPO_ROOT = Path(__file__).resolve().parents[2]
NGINX = Path("/usr/sbin/nginx")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
WASM = "pyodide/pyodide.asm.wasm"
DECODERS = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda data: data}


def readme_nginx_snippet() -> str:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- nginx-snippet:start -->\s*```nginx\n(.*?)```\s*<!-- nginx-snippet:end -->", readme, re.DOTALL)
    assert match, "README.md: no nginx snippet between the nginx-snippet markers"
    return match.group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, accept_encoding: str | None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Accept-Encoding": accept_encoding} if accept_encoding is not None else {}
        connection.request("GET", "/" + path, headers=headers)
        response = connection.getresponse()
        return response.status, {key.lower(): value for key, value in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def nginx_port(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    if not NGINX.is_file() or not BROTLI_MODULE.is_file():
        pytest.fail("nginx with the Brotli module missing: run scripts/install.sh", pytrace=False)
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = work / "nginx.conf"
    # nginx started as root runs its workers as `nobody`, who may not reach a checkout under a private folder (a clone
    # in `mktemp -d`, mode 0700): they run as whoever runs the tests. Not as root, nginx keeps its own user.
    worker_user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};" if os.geteuid() == 0 else ""
    config.write_text(f"""
load_module {BROTLI_MODULE};
{worker_user}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site_dir};
{readme_nginx_snippet()}
    }}
}}
""", encoding="utf-8")
    # -p: prefix for relative paths (`include mime.types` resolves in the conf dir, so put Debian's beside it).
    shutil.copy("/etc/nginx/mime.types", work / "mime.types")
    checked = subprocess.run([str(NGINX), "-t", "-p", str(work), "-c", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([str(NGINX), "-p", str(work), "-c", str(config)], stderr=subprocess.PIPE)
    try:
        for _ in range(500):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                    break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"nginx exited: {server.stderr.read().decode() if server.stderr else ''}")
                time.sleep(0.02)  # nginx is starting (a server process, not the browser: no condition to wait on)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def static_port(site_dir: Path) -> Iterator[int]:
    server = start_server(directory=site_dir)
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


def material_bundle(site_dir: Path) -> str:
    bundles = sorted(site_dir.glob("assets/javascripts/bundle.*.min.js"))
    assert bundles, "no Material bundle in the build"
    return bundles[0].relative_to(site_dir).as_posix()


def calculator_wheel(site_dir: Path) -> str:
    wheels = sorted(site_dir.glob("pyodide/*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0].relative_to(site_dir).as_posix()


def test_build_writes_br_and_gz_beside_large_text_and_wasm(site_dir: Path) -> None:
    for path in (WASM, "pyodide/pyodide.asm.mjs", "pyodide/python_stdlib.zip", "articles/3/index.html",
                 "en/estimator/index.html", "assets/frontend/inputs.json", material_bundle(site_dir),
                 calculator_wheel(site_dir)):
        raw = (site_dir / path).read_bytes()
        assert brotli.decompress((site_dir / (path + ".br")).read_bytes()) == raw, path
        assert gzip.decompress((site_dir / (path + ".gz")).read_bytes()) == raw, path
        assert (site_dir / (path + ".br")).stat().st_size < 0.9 * len(raw), path
    # The wasm shrinks to well under half: this is what makes a cold visit cheap.
    assert (site_dir / (WASM + ".br")).stat().st_size < 0.4 * (site_dir / WASM).stat().st_size


@pytest.mark.parametrize("server", ["static_server", "nginx"])
def test_server_sends_precompressed_copies_by_accept_encoding(server: str, request: pytest.FixtureRequest,
                                                              site_dir: Path) -> None:
    port = request.getfixturevalue("nginx_port" if server == "nginx" else "static_port")
    cases = [  # path, Accept-Encoding, expected Content-Encoding, expected Content-Type
        (WASM, "gzip, deflate, br, zstd", "br", "application/wasm"),
        (WASM, "gzip", "gzip", "application/wasm"),
        (WASM, "br;q=0, gzip;q=0.5", "gzip", "application/wasm"),
        (WASM, None, None, "application/wasm"),
        ("pyodide/pyodide.asm.mjs", "br", "br", "text/javascript"),
        ("pyodide/python_stdlib.zip", "br", "br", "application/zip"),
        (calculator_wheel(site_dir), "gzip, br", "br", "application/zip"),
        ("assets/frontend/inputs.json", "gzip, br", "br", "application/json"),
        ("articles/3/", "gzip, br", "br", "text/html"),
        ("en/", "gzip", "gzip", "text/html"),
    ]
    for path, accept, encoding, content_type in cases:
        status, headers, body = get(port, path, accept)
        where = f"{server} {path} (Accept-Encoding: {accept})"
        assert status == 200, where
        assert headers.get("content-encoding") == encoding, where
        assert headers["content-type"].split(";")[0] == content_type, where
        assert "accept-encoding" in headers.get("vary", "").lower(), where
        local = site_dir / (path + "index.html" if path.endswith("/") else path)
        assert DECODERS[encoding](body) == local.read_bytes(), where


def test_nginx_cache_lifetimes(nginx_port: int, site_dir: Path) -> None:
    lifetimes = {material_bundle(site_dir): "public, max-age=31536000, immutable",
                 "sw.js": "no-cache", WASM: "no-cache", "articles/3/": "no-cache"}
    for path, cache_control in lifetimes.items():
        status, headers, _ = get(nginx_port, path, "br")
        assert (status, headers.get("cache-control")) == (200, cache_control), path


def test_chromium_decodes_compressed_assets_to_the_same_bytes(page: Page, site_dir: Path) -> None:
    paths = [WASM, "pyodide/python_stdlib.zip", "pyodide/pyodide.asm.mjs", "assets/frontend/inputs.json",
             "articles/3/index.html", calculator_wheel(site_dir)]
    encodings: dict[str, str | None] = {}
    page.on("response", lambda response: encodings.__setitem__(response.url, response.headers.get("content-encoding")))
    page.goto("articles/3/")
    digests = page.evaluate("""async (paths) => {
      const out = {};
      for (const path of paths) {
        const response = await fetch(new URL("../../" + path, location.href), {cache: "no-store"});
        out[path] = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer())))
          .map((byte) => byte.toString(16).padStart(2, "0")).join("");
      }
      return out;
    }""", paths)
    assert digests == {path: hashlib.sha256((site_dir / path).read_bytes()).hexdigest() for path in paths}
    sent = {url.split("/", 3)[3]: encoding for url, encoding in encodings.items()}
    assert all(sent.get(path) in {"br", "gzip"} for path in paths), sent


# Clickjacking (issue 26): only the embeddable calculators may be framed by other sites.
FRAMEABLE = ["embed/articles/3/", "embed/articles/3/index.html", "en/embed/articles/3/", "embed/estimator/",
             "en/embed/estimator/"]
SAME_ORIGIN_ONLY = ["", "en/", "articles/3/", "articles/3/index.html", "en/articles/3/", "estimator/", "en/estimator/",
                    "embed/", "en/embed/", "sw.js", WASM, "assets/frontend/embed.js", "no-such-page/"]


@pytest.mark.parametrize("server", ["static_server", "nginx"])
def test_only_the_embed_pages_may_be_framed_by_other_sites(server: str, request: pytest.FixtureRequest,
                                                           site_dir: Path) -> None:
    port = request.getfixturevalue("nginx_port" if server == "nginx" else "static_port")
    for path in FRAMEABLE + SAME_ORIGIN_ONLY + [material_bundle(site_dir)]:
        status, headers, _ = get(port, path, "br")
        expected = "frame-ancestors *" if path in FRAMEABLE else "frame-ancestors 'self'"
        assert status == (404 if path == "no-such-page/" else 200), f"{server} {path}: {status}"
        assert headers.get("content-security-policy") == expected, f"{server} {path}: {headers}"


@pytest.mark.parametrize("server", ["static_server", "nginx"])
def test_an_unknown_address_gets_the_404_page_in_both_languages(server: str, request: pytest.FixtureRequest) -> None:
    port = request.getfixturevalue("nginx_port" if server == "nginx" else "static_port")
    for path in ("no-such-page/", "articles/99/", "en/nothing/here/"):
        status, headers, body = get(port, path, None)
        assert status == 404, f"{server} {path}: {status}"
        assert headers.get("content-type", "").startswith("text/html"), f"{server} {path}: {headers}"
        page = body.decode("utf-8")
        assert "找不到此页" in page and "Page not found" in page, f"{server} {path}: {page[:300]}"
