"""A throwaway PostgreSQL server for the tests: a fresh cluster in a temporary directory.

    with PostgresServer.start() as server:
        engine = create_engine(server.url("postgres"))

The cluster trusts local connections, listens on 127.0.0.1 on a free port (and on a Unix socket
in its own directory) and is deleted on exit. It lives in memory (/dev/shm) when there is room:
the tests create a database per test, which copies hundreds of small files (about 0.5 s on a
disk, 0.02 s in memory). PostgreSQL refuses to run as root: as root, the
commands run as the `postgres` system user, in a directory it owns.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PREFERRED_VERSION = "15"
# Durability is worthless for a cluster deleted after the tests; the connection limit leaves
# room for the race tests (one connection per thread). Each database copied from a template
# writes the template to the WAL: a small max_wal_size recycles it often, so a cluster in memory
# stays small.
_SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    " -c max_wal_size=128MB"
)
# A cluster with its WAL and a few test databases needs far less; Docker's default is 64 MB.
_MEMORY_NEEDED = 1 << 30


def find_bin_dir() -> Path | None:
    """The directory holding `initdb` and `pg_ctl`, preferring PostgreSQL 15; None if absent."""
    candidates = [f"/usr/lib/postgresql/{PREFERRED_VERSION}/bin"]
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda path: int(Path(path).parent.name) if Path(path).parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for candidate in candidates:
        path = Path(candidate)
        if (path / "initdb").is_file() and (path / "pg_ctl").is_file():
            return path
    return None


def _scratch_dir() -> str | None:
    """/dev/shm if it has room (see the module's docstring), else None: the usual temporary
    directory."""
    try:
        if shutil.disk_usage("/dev/shm").free >= _MEMORY_NEEDED and os.access("/dev/shm", os.W_OK):
            return "/dev/shm"
    except OSError:
        pass
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    bin_dir: Path
    base_dir: Path
    port: int
    run_as: str | None
    """The system user running the server (`postgres` when we are root), None for ourselves."""

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    @classmethod
    def start(cls, bin_dir: Path | None = None, *, attempts: int = 3) -> PostgresServer:
        """initdb + pg_ctl start; raises RuntimeError (with the server log) if it cannot."""
        bin_dir = bin_dir or find_bin_dir()
        if bin_dir is None:
            raise RuntimeError("no PostgreSQL binaries (initdb, pg_ctl) found")
        run_as = "postgres" if os.geteuid() == 0 else None
        base_dir = Path(tempfile.mkdtemp(prefix="aiguillage-pg-", dir=_scratch_dir()))
        if run_as is not None:
            user = pwd.getpwnam(run_as)
            os.chown(base_dir, user.pw_uid, user.pw_gid)
        server = cls(bin_dir=bin_dir, base_dir=base_dir, port=0, run_as=run_as)
        try:
            server._run("initdb", "-D", str(server.data_dir), "-A", "trust", "-U", "postgres")
            # The port is free when chosen but could be taken before the server binds it.
            for attempt in range(attempts):
                server.port = _free_port()
                try:
                    server._pg_ctl_start()
                    break
                except RuntimeError:
                    if attempt == attempts - 1:
                        raise
        except BaseException:
            shutil.rmtree(base_dir, ignore_errors=True)
            raise
        return server

    def stop(self) -> None:
        """Stop the server (immediately: nothing here needs to survive) and delete the cluster."""
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base_dir, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _pg_ctl_start(self) -> None:
        options = (
            f"-p {self.port} -k {self.base_dir} -c listen_addresses=127.0.0.1 {_SERVER_OPTIONS}"
        )
        log = self.base_dir / "server.log"
        try:
            self._run(
                "pg_ctl", "-D", str(self.data_dir), "-l", str(log), "-o", options, "-w", "start"
            )
        except RuntimeError as error:
            server_log = log.read_text(errors="replace") if log.exists() else ""
            raise RuntimeError(f"{error}\n--- server log ---\n{server_log}") from None

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        completed = subprocess.run(
            command, cwd=self.base_dir, capture_output=True, text=True, check=False
        )
        if completed.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({completed.returncode}):\n"
                f"{completed.stdout}{completed.stderr}"
            )
