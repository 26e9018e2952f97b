"""A throwaway PostgreSQL server for the shared-workshop tests: started once per run, removed after.

The server runs from the Debian `postgresql` package (`make test` installs it). When it cannot start,
the tests fail with the reason: a shared server that is never tested is a shared server that breaks.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

SERVER_USER = "workshop"
# A second role signs in with a password (SCRAM), so the password prompt meets a real server's refusal.
PASSWORD_USER, PASSWORD = "pinned", "correct-horse-battery"
_database_numbers = itertools.count(1)


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        pytest.fail(
            "PostgreSQL is not installed, so the shared-server tests cannot run. "
            "`make test` installs it as root; or run: sudo apt-get install -y postgresql",
            pytrace=False,
        )
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; as root, the server runs as the unprivileged `nobody`."""
    return ["runuser", "-u", "nobody", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], what: str, log: Path | None = None) -> None:
    done = subprocess.run(_as_server_user(command), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        server_log = log.read_text(errors="replace") if log and log.exists() else ""
        pytest.fail(
            f"The test PostgreSQL server could not {what} (exit {done.returncode}):\n"
            f"{done.stdout}{done.stderr}{server_log}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """Yields the address of a running server (without a database name); stops it at the end."""
    binaries = _binaries()
    # /tmp rather than pytest's own temporary folder: that one is private to root, and the server
    # user must be able to reach its data folder.
    home = Path(tempfile.mkdtemp(prefix="workshop-postgres-"))
    data, log = home / "data", home / "server.log"
    if os.geteuid() == 0:
        shutil.chown(home, "nobody")
    home.chmod(0o755)
    port = _free_port()
    try:
        _run(
            [str(binaries / "initdb"), "-D", str(data), "-U", SERVER_USER, "-A", "trust", "-E", "UTF8"],
            "initialise",
        )
        _ask_password_of(PASSWORD_USER, data / "pg_hba.conf")
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        _run(
            [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
            "start",
            log,
        )
        yield f"postgresql://{SERVER_USER}@127.0.0.1:{port}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                capture_output=True,
                check=False,
            )
        shutil.rmtree(home, ignore_errors=True)


def _ask_password_of(user: str, rules: Path) -> None:
    """Puts a rule first in the server's sign-in rules: `user` must give its password over TCP."""
    rules.write_text(f"host all {user} 127.0.0.1/32 scram-sha-256\n" + rules.read_text())


def _new_database(server: str, owner: str = SERVER_USER) -> str:
    name = f"room_{os.getpid()}_{next(_database_numbers)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" OWNER "{owner}"')
    return name


@pytest.fixture
def server_url(server: str) -> str:
    """The URL of a new, empty database on the test server."""
    return f"{server}/{_new_database(server)}"


@pytest.fixture
def password_server_url(server: str) -> tuple[str, str]:
    """The URL (without the password) of a new, empty database owned by a role that needs its password,
    and that password."""
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (PASSWORD_USER,)).fetchone()
        if not exists:
            connection.execute(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'")
    name = _new_database(server, owner=PASSWORD_USER)
    address = server.split("@", 1)[1]
    return f"postgresql://{PASSWORD_USER}@{address}/{name}", PASSWORD
