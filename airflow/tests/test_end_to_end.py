"""`airflow dags test clickstream_pipeline` against the project's server (bin/pipeline serve) on generated traffic."""

from __future__ import annotations

import csv
import gzip
import shutil
import subprocess
import time

import pytest

from support import AirflowCli, PipelineServer, generate

pytestmark = pytest.mark.e2e

STEPS = ["ingest", "stage", "train", "publish"]


def run_cycle(airflow_cli: AirflowCli, server: PipelineServer,
              timeout: float) -> tuple[subprocess.CompletedProcess, str, dict[str, dict]]:
    """Runs the DAG once; returns the CLI result, the Airflow run id and the jobs that run started, by type."""
    known_runs = {job["runId"] for job in server.jobs()}
    result = airflow_cli.dags_test(server, timeout=timeout)
    new_jobs = [job for job in server.jobs() if job["runId"] not in known_runs]
    run_ids = {job["runId"] for job in new_jobs}
    assert len(run_ids) == 1, f"expected the jobs of one Airflow run, got {run_ids}\n{output_tail(result)}"
    jobs = {}
    for job in new_jobs:
        assert job["type"] not in jobs, f"two {job['type']} jobs for one run: a retry started a second job"
        jobs[job["type"]] = job
    return result, run_ids.pop(), jobs


def output_tail(result, lines: int = 80) -> str:
    return "\n".join((result.stdout + result.stderr).splitlines()[-lines:])


def test_a_failed_job_fails_its_task_with_the_jobs_error(airflow_cli, pipeline_server_without_source):
    # With no clickstream source configured the ingest job fails with "not configured": a real failed job.
    server = pipeline_server_without_source
    result, run_id, jobs = run_cycle(airflow_cli, server, timeout=900)
    output = result.stdout + result.stderr

    assert run_id.startswith("manual__")
    ingest = jobs["ingest"]
    assert ingest["state"] == "FAILED"
    assert "not configured" in ingest["error"]
    assert f"ingest job {ingest['jobId']} FAILED: {ingest['error']}" in output, output_tail(result)
    assert set(jobs) == {"ingest"}, "no step may start after a failed one"

    assert result.returncode != 0, "a failed run must fail `airflow dags test`"
    assert airflow_cli.task_states(run_id) == {
        "health": "success",
        "ingest": "success", "ingest_done": "failed",
        "stage": "upstream_failed", "stage_done": "upstream_failed",
        "train": "upstream_failed", "train_done": "upstream_failed",
        "publish": "upstream_failed", "publish_done": "upstream_failed",
    }
    assert server.token not in output, "the bearer token leaked into the task output"


@pytest.mark.full_cycle
def test_full_cycle_publishes_a_model_and_serves_it(airflow_cli, pipeline_server, tmp_path):
    result, run_id, jobs = run_cycle(airflow_cli, pipeline_server, timeout=2400)

    assert result.returncode == 0, output_tail(result)
    assert set(jobs) == set(STEPS)
    assert {step: jobs[step]["state"] for step in STEPS} == {step: "SUCCEEDED" for step in STEPS}, jobs
    assert jobs["ingest"]["counts"]["landed"] > 0
    assert set(airflow_cli.task_states(run_id).values()) == {"success"}

    version = published_version(pipeline_server)
    user = first_user(pipeline_server)
    answer = recommendations_from(pipeline_server, user, version)
    assert answer["items"], answer

    # Second cycle over appended traffic: it lands only the new lines, and the gate publishes or keeps the model.
    append_traffic(pipeline_server, tmp_path / "more")
    result, second_run_id, jobs = run_cycle(airflow_cli, pipeline_server, timeout=2400)

    assert result.returncode == 0, output_tail(result)
    assert second_run_id != run_id
    assert set(jobs) == set(STEPS)
    assert jobs["ingest"]["state"] == "SUCCEEDED" and jobs["ingest"]["counts"]["landed"] > 0
    assert jobs["stage"]["state"] == "SUCCEEDED"
    assert jobs["train"]["state"] == "SUCCEEDED"
    assert jobs["publish"]["state"] in ("SUCCEEDED", "SKIPPED"), jobs["publish"]
    now_published = published_version(pipeline_server)
    if jobs["publish"]["state"] == "SUCCEEDED":
        assert now_published != version, "a published candidate must be a new version"
    else:
        assert now_published == version, "a candidate held back by the gate must leave the model in place"
    recommendations_from(pipeline_server, user, now_published)


def published_version(server: PipelineServer) -> str:
    current = server.get("/api/v1/models/current")
    assert current.status_code == 200, current.text
    return current.json()["model"]["version"]


def recommendations_from(server: PipelineServer, user: str, version: str, timeout: float = 120) -> dict:
    """Recommendations once the server serves `version` (it swaps to a newly published model shortly after)."""
    deadline = time.monotonic() + timeout
    while True:
        answer = server.get("/api/v1/recommendations", userId=user, k=10)
        if answer.status_code == 200 and answer.json()["modelVersion"] == version:
            return answer.json()
        if time.monotonic() > deadline:
            raise AssertionError(f"recommendations did not come from {version}: {answer.status_code} {answer.text}")
        time.sleep(1)


def first_user(server: PipelineServer) -> str:
    with open(server.data_dir / "catalog" / "users.csv", newline="") as users:
        return next(csv.DictReader(users))["user_id"]


def append_traffic(server: PipelineServer, scratch) -> None:
    """Appends a later day of other shoppers' traffic to the live access log, as a web server would."""
    generate(scratch, events=5_000, seed=2, days=1)
    newest = sorted((scratch / "access").glob("access.log*"))[0]
    opener = gzip.open if newest.suffix == ".gz" else open
    with opener(newest, "rb") as lines, open(server.data_dir / "access" / "access.log", "ab") as log:
        shutil.copyfileobj(lines, log)
