"""``remote-guide serve``: the app as a web page (textual-serve, the [web] extra)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, deadline: float) -> str:
    """The page at ``url``, asked again until the server answers or the deadline passes."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)  # polling a condition with a deadline, not waiting a fixed time


def test_serve_answers_with_the_page() -> None:
    pytest.importorskip("textual_serve")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "guide", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 60)
        assert page.startswith("<!DOCTYPE html>") and "xterm" in page
        assert f"ws://127.0.0.1:{port}/ws" in page
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert f"http://127.0.0.1:{port}" in output


def test_serve_without_textual_serve_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['textual_serve'] = None\n"
        "from guide.cli import main\n"
        "raise SystemExit(main(['serve']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "pip install 'remote-guide[web]'" in result.stderr
