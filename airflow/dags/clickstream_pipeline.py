"""
# Clickstream pipeline

Runs one cycle of the Clickstream Recommender Pipeline through its HTTP API:

`health` → `ingest` → `ingest_done` → `stage` → `stage_done` → `train` → `train_done` → `publish` → `publish_done`

* **`health`** waits until `GET /health` answers 200 (every component of the server is ready).
* **`<step>`** (`ingest`, `stage`, `train`, `publish`) starts the step's job with
  `POST /api/v1/jobs/<step>` and the body `{"runId": "<Airflow run id>"}`. The server returns the same job for the
  same step and run id, so a retried task re-attaches to the job it started instead of starting a second one.
  A 409 (another job of that step is running) and server errors are retried with exponential backoff; a request the
  server rejects (400, 401, 404, 413, 415) fails at once with the server's message. The job id goes to XCom.
* **`<step>_done`** polls `GET /api/v1/jobs/<jobId>` (in reschedule mode, so it holds no worker slot while waiting)
  until the job ends: `SUCCEEDED` and `SKIPPED` let the cycle go on (stage skipped without new data, train skipped
  with too little data, publish skipped by the quality gate), `FAILED` fails the task at once with the job's error
  and no retry. The finished job (state, counts, message) goes to XCom.
  A server that cannot be reached (restarting, or down) is polled again at the next interval, up to the step's time
  limit: job records survive a restart, so the restarted server answers with the job's real state. A job that was
  running when the server died is `FAILED` with "interrupted by a restart"; clear this step's submit task to start it
  again under the same run id.
  That includes a stage job that found the staging lease held by another live stage job (another server process on
  the same lake): a retry would send the same run id and get the same failed job back, and the other job stages the
  same events, so the next scheduled run simply goes on. Within one server a second job is refused with 409 and
  retried.

## Configuration

* Connection **`clickstream_api`** (type HTTP): host, port and schema of the server; the bearer token (the server's
  `api.token`) as the password. Example:
  `AIRFLOW_CONN_CLICKSTREAM_API='http://:s3cret@127.0.0.1:8080'`.
* Variable **`clickstream_schedule`** (or the environment variable `AIRFLOW_VAR_CLICKSTREAM_SCHEDULE`): a cron
  expression or preset, default `@hourly`; `none` runs the DAG only when triggered.
* Variable **`clickstream_poke_interval`**: seconds between two polls of a job, default 30.

Both variables are read when the DAG file is parsed: a change applies at the next parse.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from datetime import datetime, timedelta
from typing import Any

import requests
from airflow.providers.http.operators.http import HttpOperator
from airflow.providers.http.sensors.http import HttpSensor
from airflow.sdk import DAG, PokeReturnValue, Variable
from airflow.sdk.exceptions import AirflowException, AirflowFailException

log = logging.getLogger(__name__)

CONN_ID = "clickstream_api"
DEFAULT_SCHEDULE = "@hourly"
DEFAULT_POKE_INTERVAL_SECONDS = 30

# How long each step's job may take before its sensor gives up; train on a month of traffic is the longest.
STEP_TIMEOUTS = {
    "ingest": timedelta(hours=1),
    "stage": timedelta(hours=2),
    "train": timedelta(hours=3),
    "publish": timedelta(minutes=30),
}

# The server's runId pattern (SubmitJobRequest in /openapi.json).
_RUN_ID_ALLOWED = re.compile(r"[^A-Za-z0-9._:+\-]")
_RUN_ID_MAX = 200

_DONE_STATES = {"SUCCEEDED", "SKIPPED"}
_RUNNING_STATES = {"QUEUED", "RUNNING"}


def api_run_id(run_id: str) -> str:
    """The Airflow run id as the API accepts it: unchanged when it fits, else a stable sanitised form."""
    if run_id and not _RUN_ID_ALLOWED.search(run_id) and len(run_id) <= _RUN_ID_MAX:
        return run_id
    # A hand-made run id may hold spaces or be long: the suffix keeps two such ids apart after cleaning.
    suffix = "-" + hashlib.sha256(run_id.encode("utf-8")).hexdigest()[:12]
    cleaned = _RUN_ID_ALLOWED.sub("-", run_id)[: _RUN_ID_MAX - len(suffix)]
    return cleaned + suffix


def _error_message(response: Any) -> str:
    """The message of the API's error envelope, or the raw body when it is not one."""
    try:
        error = response.json().get("error", {})
        message = error.get("message")
        if message:
            return f"{error.get('code', 'error')}: {message}"
    except (ValueError, AttributeError):
        pass
    return (response.text or "").strip()[:500] or response.reason or "no body"


def check_submission(response: Any) -> bool:
    """Response check of a job submission: 202 with a job id passes; retries what may pass later, fails the rest."""
    status = response.status_code
    if status == 202:
        try:
            job = response.json()
        except ValueError as e:
            raise AirflowException(f"the job submission answered 202 without JSON: {response.text[:200]!r}") from e
        if not job.get("jobId"):
            raise AirflowFailException(f"the job submission answered 202 without a jobId: {job}")
        return True
    message = f"POST {response.url} answered {status}: {_error_message(response)}"
    if status == 409 or status == 429 or status >= 500:
        # Another job of this step is running (or the server is busy): the retry with backoff waits for it.
        raise AirflowException(message)
    raise AirflowFailException(message)


def submitted_job_id(response: Any) -> str:
    """Response filter of a job submission: the job id, pushed to XCom for the sensor."""
    return response.json()["jobId"]


def job_finished(response: Any) -> bool | PokeReturnValue:
    """Response check of a job poll: done on SUCCEEDED or SKIPPED, not yet while it runs, a failure on FAILED."""
    status = response.status_code
    if status == 404:
        # Job records outlive a restart (analytics/_jobs/ in the lake), so this is a server on another lake, or one
        # whose retention (jobs.retained) dropped the record: waiting will not bring it back.
        raise AirflowFailException(f"the server no longer knows the job ({_error_message(response)}); "
                                   "clear this step's submit task or re-run the DAG to start it again")
    if status != 200:
        if status >= 500 or status == 429:
            log.warning("polling the job answered %s: %s; polling again", status, _error_message(response))
            return False
        raise AirflowFailException(f"polling the job answered {status}: {_error_message(response)}")
    job = response.json()
    state = job.get("state")
    label = f"{job.get('type', 'job')} job {job.get('jobId', '?')}"
    if state in _RUNNING_STATES:
        log.info("%s is %s, progress %.0f%%", label, state, 100 * float(job.get("progress") or 0))
        return False
    if state in _DONE_STATES:
        detail = f": {job['message']}" if job.get("message") else ""
        log.info("%s %s%s; counts %s", label, state, detail, json.dumps(job.get("counts", {}), sort_keys=True))
        return PokeReturnValue(is_done=True, xcom_value=job)
    if state == "FAILED":
        raise AirflowFailException(f"{label} FAILED: {job.get('error') or job.get('message') or 'no error given'}")
    raise AirflowFailException(f"{label} is in a state this DAG does not know: {state!r}")


class JobSensor(HttpSensor):
    """`HttpSensor` that waits through a server restart: a request the server cannot answer is one more poke."""

    def poke(self, context: Any) -> bool | PokeReturnValue:
        try:
            return super().poke(context)
        except requests.exceptions.SSLError:
            raise  # a certificate the client refuses does not get better by waiting
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError) as e:
            # A restart refuses connections for a few seconds, and a server killed mid-answer breaks the response.
            # Failing the try would spend a retry on each refused poke, and an outage longer than the retries would
            # fail the run of a job that had finished before it; the step's timeout bounds the wait instead.
            self.log.warning("the server cannot be reached (%s: %s); polling again in %.0f s",
                             type(e).__name__, e, self.poke_interval)
            return False


def server_ready(response: Any) -> bool:
    """Response check of the health probe: ready when the server answers 200."""
    if response.status_code == 200:
        return True
    log.info("GET /health answered %s: %s", response.status_code, (response.text or "")[:500])
    return False


def _schedule() -> str | None:
    value = (Variable.get("clickstream_schedule", default=None) or DEFAULT_SCHEDULE).strip()
    return None if value.lower() in ("", "none") else value


def _poke_interval() -> float:
    return float(Variable.get("clickstream_poke_interval", default=None) or DEFAULT_POKE_INTERVAL_SECONDS)


# The token stays in the Connection: rendered at run time, and masked in logs and rendered fields by Airflow.
_HEADERS = {
    "Accept": "application/json",
    "Authorization": f"{{% if conn.{CONN_ID}.password %}}Bearer {{{{ conn.{CONN_ID}.password }}}}{{% endif %}}",
}
# Status codes are judged by the response checks above, not by the hook (which would fail every non-2xx alike).
_REQUEST_OPTIONS = {"check_response": False, "timeout": 60}

default_args = {
    "owner": "clickstream",
    "retries": 5,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=10),
}

with DAG(
    dag_id="clickstream_pipeline",
    description="Ingest, stage, train and publish through the Clickstream Recommender API",
    doc_md=__doc__,
    schedule=_schedule(),
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=sum(STEP_TIMEOUTS.values(), timedelta(hours=1)),
    default_args=default_args,
    user_defined_filters={"api_run_id": api_run_id},
    tags=["clickstream"],
) as dag:
    poke_interval = _poke_interval()

    health = HttpSensor(
        task_id="health",
        http_conn_id=CONN_ID,
        method="GET",
        endpoint="/health",
        headers={"Accept": "application/json"},
        extra_options=_REQUEST_OPTIONS,
        response_check=server_ready,
        mode="reschedule",
        poke_interval=poke_interval,
        # A server that is not up yet refuses the connection: the task's retries with backoff wait for it.
        timeout=timedelta(minutes=15).total_seconds(),
    )

    submit: dict[str, HttpOperator] = {}
    done: dict[str, HttpSensor] = {}
    for verb, timeout in STEP_TIMEOUTS.items():
        submit[verb] = HttpOperator(
            task_id=verb,
            http_conn_id=CONN_ID,
            method="POST",
            endpoint=f"/api/v1/jobs/{verb}",
            data='{"runId": {{ run_id | api_run_id | tojson }}}',
            headers={**_HEADERS, "Content-Type": "application/json"},
            extra_options=_REQUEST_OPTIONS,
            response_check=check_submission,
            response_filter=submitted_job_id,
            execution_timeout=timedelta(minutes=2),
        )
        done[verb] = JobSensor(
            task_id=f"{verb}_done",
            http_conn_id=CONN_ID,
            method="GET",
            endpoint=f"/api/v1/jobs/{{{{ ti.xcom_pull(task_ids='{verb}') }}}}",
            headers=_HEADERS,
            extra_options=_REQUEST_OPTIONS,
            response_check=job_finished,
            mode="reschedule",
            poke_interval=poke_interval,
            timeout=timeout.total_seconds(),
            # A FAILED job fails fast (AirflowFailException) and an unreachable server is polled again: only an
            # answer the checks do not expect (a proxy's HTML page, a certificate error) spends a retry.
            retries=3,
        )

    (
        health
        >> submit["ingest"] >> done["ingest"]
        >> submit["stage"] >> done["stage"]
        >> submit["train"] >> done["train"]
        >> submit["publish"] >> done["publish"]
    )
