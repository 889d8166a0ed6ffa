"""Run a command on a pseudo-terminal and time how long until a text shows on screen."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

ESCAPES = re.compile(
    rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>NOPDEMc78])"
)


class Session:
    """A command on a pty of the given size, with helpers to type and to wait for text."""

    def __init__(
        self,
        argv: Sequence[str],
        size: tuple[int, int] = (120, 40),
        env: dict[str, str] | None = None,
    ) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        full_env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(size[0]),
            "LINES": str(size[1]),
            **(env or {}),
        }
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.seen = b""

    def wait_for(self, text: str, timeout: float = 20.0) -> float:
        """Seconds (from now) until ``text`` appears in the output, escape codes stripped."""
        start = time.perf_counter()
        needle = text.encode()
        self.seen = b""
        raw = b""
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            raw += chunk
            plain = ESCAPES.sub(b"", raw)
            if needle in plain:
                self.seen = plain
                return time.perf_counter() - start
        raise TimeoutError(f"{text!r} did not appear; saw {ESCAPES.sub(b'', raw)[-400:]!r}")

    def since_start(self, text: str, timeout: float = 20.0) -> float:
        """Seconds from launch until ``text`` first appears."""
        self.wait_for(text, timeout)
        return time.perf_counter() - self.started

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def drain(self, seconds: float = 0.3) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if ready:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)
