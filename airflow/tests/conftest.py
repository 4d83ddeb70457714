"""Isolates Airflow from the developer's settings and provides the server and the CLI to the end-to-end tests."""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import sys
import tempfile

import pytest

from support import DAGS_DIR, PIPELINE, AirflowCli, PipelineServer, generate

# Set before anything imports airflow: the in-process tests parse the DAG in a throw-away AIRFLOW_HOME, never ~/airflow.
_airflow_home = tempfile.mkdtemp(prefix="clickstream-airflow-home-")
atexit.register(shutil.rmtree, _airflow_home, ignore_errors=True)
for _key in [k for k in os.environ if k.startswith(("AIRFLOW_", "AIRFLOW__"))]:
    del os.environ[_key]
os.environ["AIRFLOW_HOME"] = _airflow_home
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS_DIR)
sys.path.insert(0, str(DAGS_DIR))

EVENTS = 20_000


@pytest.fixture(scope="session")
def airflow_cli(tmp_path_factory) -> AirflowCli:
    """An Airflow metadata database (SQLite) shared by the end-to-end runs."""
    if not PIPELINE.exists():
        pytest.fail(f"{PIPELINE} is missing")
    cli = AirflowCli(tmp_path_factory.mktemp("airflow-home"))
    cli.migrate()
    return cli


@pytest.fixture
def pipeline_server_without_source(tmp_path):
    """The project's server with no clickstream source configured: its ingest job fails with "not configured"."""
    data_dir = tmp_path / "pipeline"
    data_dir.mkdir(parents=True)
    server = PipelineServer(data_dir, token=secrets.token_urlsafe(24), with_source=False)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pipeline_server(tmp_path):
    """The project's server over freshly generated traffic, stopped with SIGTERM whatever the test's outcome."""
    data_dir = tmp_path / "pipeline"
    generate(data_dir, EVENTS)
    server = PipelineServer(data_dir, token=secrets.token_urlsafe(24))
    try:
        server.start()
        yield server
    finally:
        server.stop()
