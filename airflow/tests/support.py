"""Drives the real things the end-to-end tests need: the built application (`bin/pipeline`) and the Airflow CLI."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

AIRFLOW_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = Path(__file__).resolve().parents[2]
DAGS_DIR = AIRFLOW_DIR / "dags"
PIPELINE = REPO_ROOT / "bin" / "pipeline"
DAG_ID = "clickstream_pipeline"

_SERVING = re.compile(r"serving on (http://127\.0\.0\.1:\d+)")


def generate(out: Path, events: int, seed: int = 1, days: int = 7, last_day: str | None = None) -> None:
    """Writes synthetic shop traffic into `out` (access logs under out/access) with the project's generator."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(PIPELINE), "generate", "--out", str(out), "--events", str(events), "--seed", str(seed),
         "--days", str(days), *(["--last-day", last_day] if last_day else [])],
        cwd=out, env={**os.environ, "PIPELINE_DATA_DIR": str(out)},
        check=True, capture_output=True, text=True, timeout=300,
    )


class PipelineServer:
    """`bin/pipeline serve` on the embedded default, on a free port, with a token, over one data folder."""

    def __init__(self, data_dir: Path, token: str, with_source: bool = True,
                 extra_env: dict[str, str] | None = None):
        self.data_dir = data_dir
        self.token = token
        self.with_source = with_source
        self.extra_env = dict(extra_env or {})
        self.log_path = data_dir / "server.log"
        self.url = ""
        self.port = 0
        self._process: subprocess.Popen | None = None

    def start(self, timeout: float = 240) -> None:
        """Starts the server (again, after a stop or a kill: same data folder and port, the log is appended to)."""
        env = {
            **os.environ,
            "PIPELINE_DATA_DIR": str(self.data_dir),
            "PIPELINE_HTTP_HOST": "127.0.0.1",
            # Port 0 at the first start: the server takes a free port and logs it, so two runs never race for one.
            # A restart keeps that port, as a real restart keeps its configured one: a client (Airflow's connection)
            # that was polling the old process reaches the new one. (Another process could take the port in the
            # seconds between a kill and the restart; the restart would then fail, naming it, not pass wrongly.)
            "PIPELINE_HTTP_PORT": str(self.port),
            "PIPELINE_API_TOKEN": self.token,
            "JAVA_OPTS": os.environ.get("JAVA_OPTS", "-Xmx2g"),
        }
        env.pop("PIPELINE_SOURCES_WEBLOG_PATH", None)
        if self.with_source:
            env["PIPELINE_SOURCES_WEBLOG_PATH"] = str(self.data_dir / "access")
        env.update(self.extra_env)
        self.url = ""
        # Only this start's lines count: after a restart the log still holds the previous process's port.
        log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen([str(PIPELINE), "serve"], cwd=self.data_dir, env=env,
                                             stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not self.url:
            self._fail_if_exited("while starting")
            match = _SERVING.search(self.log_text(log_start))
            if match:
                self.url = match.group(1)
                self.port = int(self.url.rsplit(":", 1)[1])
            elif time.monotonic() > deadline:
                raise AssertionError(f"the server did not start within {timeout:.0f} s:\n{self.log_tail()}")
            else:
                time.sleep(0.5)
        while True:
            self._fail_if_exited("before it was healthy")
            try:
                if requests.get(self.url + "/health", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"/health did not answer 200 within {timeout:.0f} s:\n{self.log_tail()}")
            time.sleep(0.5)

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would: no shutdown hook runs, nothing is released."""
        assert self._process is not None and self._process.poll() is None, "the server is not running"
        self._process.kill()
        self._process.wait(timeout=30)

    def stop(self, timeout: float = 90) -> None:
        """SIGTERM (the server stops its jobs at a safe point and drains), SIGKILL only if it hangs."""
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=30)

    def stop_orphaned_broker(self) -> None:
        """Stops the embedded Kafka broker a killed server left running (a restarted server stops it itself)."""
        pid_file = self.data_dir / "kafka" / "broker.pid"
        try:
            pid = int(pid_file.read_text().strip())
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                ours = str(self.data_dir).encode() in cmdline.read()
        except (OSError, ValueError):
            return
        if ours:
            os.kill(pid, signal.SIGTERM)

    def get(self, path: str, **params: Any) -> requests.Response:
        return requests.get(self.url + path, params=params, timeout=30)

    def post(self, path: str, body: dict | None = None) -> requests.Response:
        return requests.post(self.url + path, json=body or {}, timeout=30,
                             headers={"Authorization": f"Bearer {self.token}"})

    def submit(self, step: str) -> dict:
        """POST /api/v1/jobs/<step>: the queued job."""
        response = self.post(f"/api/v1/jobs/{step}")
        assert response.status_code == 202, response.text
        return response.json()

    def await_job(self, job_id: str, until=lambda job: job["state"] not in ("QUEUED", "RUNNING"),
                  timeout: float = 600, interval: float = 0.5) -> dict:
        """Polls the job until `until(job)` holds (by default: it ended); fails if it ends first or takes too long."""
        deadline = time.monotonic() + timeout
        while True:
            response = self.get(f"/api/v1/jobs/{job_id}")
            assert response.status_code == 200, response.text
            job = response.json()
            if until(job):
                return job
            assert job["state"] in ("QUEUED", "RUNNING"), f"the job ended before the awaited point: {job}"
            if time.monotonic() > deadline:
                raise AssertionError(f"job {job_id} did not reach the awaited point in {timeout:.0f} s: {job}\n"
                                     f"{self.log_tail()}")
            time.sleep(interval)

    def jobs(self) -> list[dict]:
        response = self.get("/api/v1/jobs", limit=500)
        assert response.status_code == 200, response.text
        return response.json()["jobs"]

    def airflow_connection(self) -> str:
        """The `clickstream_api` Connection as AIRFLOW_CONN_CLICKSTREAM_API takes it (JSON form)."""
        host, port = self.url.removeprefix("http://").split(":")
        return json.dumps({"conn_type": "http", "host": host, "port": int(port), "schema": "http",
                           "password": self.token})

    def log_text(self, start: int = 0) -> str:
        with open(self.log_path, "rb") as log:
            log.seek(start)
            return log.read().decode(errors="replace")

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def _fail_if_exited(self, when: str) -> None:
        if self._process is not None and self._process.poll() is not None:
            raise AssertionError(f"the server exited with {self._process.returncode} {when}:\n{self.log_tail()}")


class AirflowCli:
    """The `airflow` command of this interpreter's environment, on its own AIRFLOW_HOME with SQLite and no examples."""

    def __init__(self, home: Path):
        self.home = home

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        # A developer's own Airflow settings must not leak into the run: only what is set here counts.
        base = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW_", "AIRFLOW__"))}
        return {
            **base,
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_DIR),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{self.home / 'airflow.db'}",
            **(extra or {}),
        }

    def run(self, *args: str, extra_env: dict[str, str] | None = None, timeout: float = 300,
            ) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "airflow", *args], cwd=self.home, env=self.env(extra_env),
                              capture_output=True, text=True, timeout=timeout)

    def migrate(self) -> None:
        result = self.run("db", "migrate")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    def dags_test(self, server: PipelineServer, timeout: float) -> subprocess.CompletedProcess:
        """`airflow dags test clickstream_pipeline` against the server; polls every 2 s instead of 30."""
        return self.run("dags", "test", DAG_ID, timeout=timeout, extra_env=self._dags_test_env(server))

    def start_dags_test(self, server: PipelineServer, output: Path) -> DagTestRun:
        """Like `dags_test`, in the background, so that the test can act on the server while the run waits on it."""
        with open(output, "wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "airflow", "dags", "test", DAG_ID], cwd=self.home,
                env=self.env(self._dags_test_env(server)), stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)  # its own process group: paused, resumed and stopped as one
        return DagTestRun(process, output)

    @staticmethod
    def _dags_test_env(server: PipelineServer) -> dict[str, str]:
        return {"AIRFLOW_CONN_CLICKSTREAM_API": server.airflow_connection(),
                "AIRFLOW_VAR_CLICKSTREAM_POKE_INTERVAL": "2"}

    def task_states(self, run_id: str) -> dict[str, str]:
        result = self.run("tasks", "states-for-dag-run", DAG_ID, run_id, "--output", "json")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        rows = json.loads(next(line for line in reversed(result.stdout.splitlines()) if line.startswith("[")))
        return {row["task_id"]: row["state"] for row in rows}


class DagTestRun:
    """An `airflow dags test` running in the background: its output so far, pausing it, and its end."""

    def __init__(self, process: subprocess.Popen, output: Path):
        self.process = process
        self.output_path = output

    def output(self) -> str:
        return self.output_path.read_bytes().decode(errors="replace")

    def wait_for_output(self, pattern: str, timeout: float = 300, start: int = 0) -> re.Match:
        """The first match of `pattern` in the output after character `start`, once the run has printed it."""
        deadline = time.monotonic() + timeout
        while True:
            match = re.compile(pattern).search(self.output(), start)
            if match:
                return match
            if self.process.poll() is not None:
                raise AssertionError(f"`airflow dags test` ended (exit {self.process.returncode}) without printing "
                                     f"{pattern!r}:\n{self.output_tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"`airflow dags test` did not print {pattern!r} in {timeout:.0f} s:\n"
                                     f"{self.output_tail()}")
            time.sleep(0.2)

    def pause(self) -> None:
        """SIGSTOP, as a scheduler too busy to poll: no task of the run does anything until `resume`."""
        os.killpg(self.process.pid, signal.SIGSTOP)
        deadline = time.monotonic() + 30
        # The signal is asynchronous: the run is paused only once the kernel shows the process stopped.
        while _process_state(self.process.pid) != "T":
            assert time.monotonic() < deadline, "`airflow dags test` did not stop on SIGSTOP"
            time.sleep(0.05)

    def resume(self) -> None:
        os.killpg(self.process.pid, signal.SIGCONT)

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """Ends the run if it is still going (a test that failed half-way), paused or not."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def output_tail(self, lines: int = 80) -> str:
        return "\n".join(self.output().splitlines()[-lines:])


def _process_state(pid: int) -> str:
    """The state letter of /proc/<pid>/stat (R running, S sleeping, T stopped, ...)."""
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0]


# Bounded: a fixed seed and a fixed number of examples per operation keep one run to about a minute here.
SCHEMATHESIS_EXAMPLES = 30
SCHEMATHESIS_TIMEOUT = 180


def run_schemathesis(server: PipelineServer, *extra: str) -> None:
    """schemathesis (every check) against the server's own /openapi.json; fails the test on any failure."""
    cli = Path(sys.executable).parent / "schemathesis"
    result = subprocess.run(
        [str(cli), "run", server.url + "/openapi.json", "--url", server.url, "--checks", "all",
         "--header", f"Authorization: Bearer {server.token}", "--max-examples", str(SCHEMATHESIS_EXAMPLES),
         "--seed", "1", "--request-timeout", "30", "--no-color", *extra],
        capture_output=True, text=True, timeout=SCHEMATHESIS_TIMEOUT,
        cwd=server.data_dir)  # schemathesis keeps its state in ./.schemathesis: under target/, not in the repository
    assert result.returncode == 0, "schemathesis found failures:\n" + result.stdout[-20000:] + result.stderr[-5000:]

