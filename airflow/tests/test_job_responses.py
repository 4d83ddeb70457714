"""How the DAG reads the API's answers: job submission, job polling, health, and the run id it sends."""

from __future__ import annotations

import json
import re
import socket

import pytest
import requests
from airflow.sdk import PokeReturnValue
from airflow.sdk.exceptions import AirflowException, AirflowFailException

from clickstream_pipeline import JobSensor, api_run_id, check_submission, job_finished, server_ready, submitted_job_id

JOB_ID = "95f0ce08-9395-4e05-bf72-e13e070b2af7"


def response(status: int, body, url: str = "http://127.0.0.1:8080/api/v1/jobs/stage") -> requests.Response:
    r = requests.Response()
    r.status_code = status
    r.url = url
    r.reason = {200: "OK", 202: "Accepted"}.get(status, "Error")
    r._content = (body if isinstance(body, str) else json.dumps(body)).encode()
    return r


def job(state: str, **fields) -> dict:
    return {"jobId": JOB_ID, "type": "stage", "runId": "manual__x", "state": state, "progress": 0.5,
            "counts": {}, "error": None, "message": None, "links": {"self": f"/api/v1/jobs/{JOB_ID}"}, **fields}


def envelope(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


# Submission

def test_accepted_submission_passes_and_its_job_id_goes_to_xcom():
    accepted = response(202, job("QUEUED"))
    assert check_submission(accepted) is True
    assert submitted_job_id(accepted) == JOB_ID


def test_conflict_with_a_running_job_is_retried_later_with_the_servers_message():
    busy = response(409, envelope("conflict", "a stage job is already running (job abc)"))
    with pytest.raises(AirflowException, match="409.*a stage job is already running") as raised:
        check_submission(busy)
    assert not isinstance(raised.value, AirflowFailException)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_on_submission_are_retried(status):
    with pytest.raises(AirflowException) as raised:
        check_submission(response(status, envelope("internal_error", "boom")))
    assert not isinstance(raised.value, AirflowFailException)


@pytest.mark.parametrize("status, code, message", [
    (401, "unauthorized", "the bearer token is not valid"),
    (400, "bad_request", "runId must match ^[A-Za-z0-9._:+\\-]{1,200}$"),
    (404, "not_found", "no route"),
    (415, "unsupported_media_type", "send application/json"),
])
def test_a_rejected_submission_fails_at_once_naming_the_reason(status, code, message):
    with pytest.raises(AirflowFailException, match=re.escape(f"{status}: {code}: {message}")):
        check_submission(response(status, envelope(code, message)))


def test_an_error_without_envelope_shows_the_body():
    with pytest.raises(AirflowFailException, match="403: forbidden by proxy"):
        check_submission(response(403, "forbidden by proxy"))


def test_accepted_without_a_job_id_fails():
    with pytest.raises(AirflowFailException, match="without a jobId"):
        check_submission(response(202, {"state": "QUEUED"}))


# Polling

@pytest.mark.parametrize("state", ["QUEUED", "RUNNING"])
def test_a_job_still_running_keeps_the_sensor_waiting(state):
    assert job_finished(response(200, job(state))) is False


def test_a_succeeded_job_ends_the_sensor_and_hands_the_job_to_xcom():
    finished = job("SUCCEEDED", progress=1.0, counts={"landed": 10594})
    result = job_finished(response(200, finished))
    assert isinstance(result, PokeReturnValue)
    assert result.is_done is True
    assert result.xcom_value == finished


def test_a_skipped_job_lets_the_cycle_go_on():
    skipped = job("SKIPPED", message="quality gate: MRR@20 0.11 is not better than 0.12")
    result = job_finished(response(200, skipped))
    assert isinstance(result, PokeReturnValue) and result.is_done is True
    assert result.xcom_value["message"].startswith("quality gate")


def test_a_failed_job_fails_the_task_with_the_jobs_error_and_no_retry():
    error = "not configured: StagingProcessor is not available"
    with pytest.raises(AirflowFailException, match=f"stage job {JOB_ID} FAILED: {error}"):
        job_finished(response(200, job("FAILED", error=error, message=error)))


def test_a_failed_job_without_error_text_still_fails():
    with pytest.raises(AirflowFailException, match="FAILED: no error given"):
        job_finished(response(200, job("FAILED")))


def test_a_job_the_server_forgot_fails_and_says_how_to_resubmit():
    gone = response(404, envelope("not_found", f"job '{JOB_ID}' does not exist"), url=f"http://h/api/v1/jobs/{JOB_ID}")
    with pytest.raises(AirflowFailException, match="no longer knows the job.*re-run"):
        job_finished(gone)


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_while_polling_polls_again(status):
    assert job_finished(response(status, envelope("service_unavailable", "draining"))) is False


def test_an_unknown_state_fails():
    with pytest.raises(AirflowFailException, match="PAUSED"):
        job_finished(response(200, job("PAUSED")))


# Polling a server that is restarting

@pytest.fixture
def sensor_against(monkeypatch):
    """A job sensor whose connection points at the given port, with a short request timeout."""
    def make(port: int) -> JobSensor:
        monkeypatch.setenv("AIRFLOW_CONN_CLICKSTREAM_API", json.dumps(
            {"conn_type": "http", "host": "127.0.0.1", "port": port, "schema": "http"}))
        return JobSensor(task_id="stage_done", http_conn_id="clickstream_api", endpoint=f"/api/v1/jobs/{JOB_ID}",
                         extra_options={"check_response": False, "timeout": 1}, response_check=job_finished)
    return make


def test_a_refused_connection_polls_again_instead_of_failing_the_try(sensor_against):
    # A port that was just free: nothing listens on it, as during a restart.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert sensor_against(port).poke({}) is False


def test_a_server_that_does_not_answer_in_time_is_polled_again(sensor_against):
    # Listening but never accepting: the connection opens (the kernel's backlog) and the answer never comes.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        assert sensor_against(silent.getsockname()[1]).poke({}) is False


# Health

def test_health_is_ready_only_on_200():
    assert server_ready(response(200, {"status": "up", "ready": True, "components": []})) is True
    assert server_ready(response(503, {"status": "down", "ready": False, "components": []})) is False


# Run id

SERVER_RUN_ID = re.compile(r"^[A-Za-z0-9._:+\-]{1,200}$")


@pytest.mark.parametrize("run_id", [
    "manual__2026-11-21T13:33:53.812337+00:00",
    "scheduled__2026-11-21T13:00:00+00:00",
    "asset_triggered__2026-11-21T13:00:00+00:00_AbCdEf12",
])
def test_airflow_run_ids_go_to_the_api_unchanged(run_id):
    assert api_run_id(run_id) == run_id


def test_a_hand_made_run_id_is_cleaned_stably_and_stays_distinct():
    cleaned = api_run_id("rerun after outage #1")
    assert SERVER_RUN_ID.match(cleaned)
    assert cleaned == api_run_id("rerun after outage #1")
    assert cleaned != api_run_id("rerun after outage #2")


def test_a_long_run_id_is_cut_to_the_servers_limit_and_stays_distinct():
    first, second = api_run_id("x" * 300 + "1"), api_run_id("x" * 300 + "2")
    assert SERVER_RUN_ID.match(first) and SERVER_RUN_ID.match(second)
    assert first != second
