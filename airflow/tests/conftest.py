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

# Small enough that a cycle takes a few minutes on 2 cores, large enough to train: about 3,200 shop events and 300
# training sequences (train.min.sequences is 100).
EVENTS = 6_000

# A real network trained and evaluated as in production, with fewer epochs: the tests check that a model is trained,
# published and served, not how good it is (the dl4j module's tests do that).
QUICK_TRAINING = {"PIPELINE_TRAIN_EPOCHS_MAX": "3"}


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
        server.stop_orphaned_broker()


@pytest.fixture
def pipeline_server(tmp_path):
    """The project's server over freshly generated traffic, stopped with SIGTERM whatever the test's outcome."""
    data_dir = tmp_path / "pipeline"
    generate(data_dir, EVENTS)
    server = PipelineServer(data_dir, token=secrets.token_urlsafe(24), extra_env=QUICK_TRAINING)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        server.stop_orphaned_broker()


@pytest.fixture
def unstarted_pipeline_server(tmp_path):
    """Like `pipeline_server`, but the test starts (and may kill and restart) it. Stages in batches of 2,000 events
    (each batch costs Spark tens of seconds here, so two batches: one committed before the kill, one after), under a
    lease that outlasts the test: only the takeover of a dead holder's lease can let the restarted server stage."""
    data_dir = tmp_path / "pipeline"
    generate(data_dir, EVENTS)
    server = PipelineServer(data_dir, token=secrets.token_urlsafe(24),
                            extra_env={**QUICK_TRAINING, "PIPELINE_STAGING_MAX_EVENTS_PER_BATCH": "2000",
                                       "PIPELINE_STAGING_LEASE_DURATION": "2h"})
    try:
        yield server
    finally:
        server.stop()
        # a test that failed between killing and restarting the server leaves the broker the server had started
        server.stop_orphaned_broker()
