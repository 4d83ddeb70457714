"""The DAG as Airflow parses it: no import errors, the cycle's tasks in order, the schedule and the retry policy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from support import DAG_ID, DAGS_DIR

STEPS = ["ingest", "stage", "train", "publish"]
ORDER = ["health"] + [task for step in STEPS for task in (step, f"{step}_done")]


def parse_dags():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS_DIR))


@pytest.fixture(scope="module")
def dagbag():
    return parse_dags()


@pytest.fixture(scope="module")
def dag(dagbag):
    return dagbag.dags[DAG_ID]


def test_the_dags_folder_parses_without_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert list(dagbag.dags) == [DAG_ID]


def test_dag_id_is_the_file_name_and_its_docs_are_the_module_docstring(dag):
    import clickstream_pipeline

    assert dag.fileloc.endswith(f"/{DAG_ID}.py")
    assert dag.doc_md == clickstream_pipeline.__doc__
    assert "clickstream_api" in dag.doc_md


def test_tasks_are_the_use_case_verbs_in_cycle_order(dag):
    assert sorted(dag.task_ids) == sorted(ORDER)
    for upstream, downstream in zip(ORDER, ORDER[1:]):
        assert dag.get_task(upstream).downstream_task_ids == {downstream}, upstream
    assert dag.get_task("health").upstream_task_ids == set()
    assert dag.get_task("publish_done").downstream_task_ids == set()


def test_runs_hourly_without_catchup_one_run_at_a_time(dag):
    assert dag.schedule == "@hourly"
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.dagrun_timeout is not None


def test_schedule_and_poll_interval_come_from_airflow_variables(monkeypatch):
    monkeypatch.setenv("AIRFLOW_VAR_CLICKSTREAM_SCHEDULE", "*/15 * * * *")
    monkeypatch.setenv("AIRFLOW_VAR_CLICKSTREAM_POKE_INTERVAL", "7")
    dag = parse_dags().dags[DAG_ID]
    assert dag.schedule == "*/15 * * * *"
    assert {dag.get_task(f"{step}_done").poke_interval for step in STEPS} == {7}


def test_schedule_none_leaves_only_manual_runs(monkeypatch):
    monkeypatch.setenv("AIRFLOW_VAR_CLICKSTREAM_SCHEDULE", "none")
    assert parse_dags().dags[DAG_ID].schedule is None


def test_every_task_talks_to_the_api_through_the_one_connection(dag):
    assert {task.http_conn_id for task in dag.tasks} == {"clickstream_api"}


@pytest.mark.parametrize("step", STEPS)
def test_submit_task_posts_the_job_with_the_run_id_and_retries_with_backoff(dag, step):
    from airflow.providers.http.operators.http import HttpOperator

    import clickstream_pipeline

    task = dag.get_task(step)
    assert isinstance(task, HttpOperator)
    assert task.method == "POST"
    assert task.endpoint == f"/api/v1/jobs/{step}"
    assert "run_id" in task.data
    # DagBag loads the file under its own module name: the functions are compared by name.
    assert task.response_check.__name__ == clickstream_pipeline.check_submission.__name__
    assert task.response_filter.__name__ == clickstream_pipeline.submitted_job_id.__name__
    assert task.retries >= 3
    assert task.retry_exponential_backoff > 1
    assert task.retry_delay > timedelta(0)
    assert task.max_retry_delay is not None
    assert task.execution_timeout is not None


@pytest.mark.parametrize("step", STEPS)
def test_done_sensor_polls_the_submitted_job_in_reschedule_mode_with_a_timeout(dag, step):
    from airflow.providers.http.sensors.http import HttpSensor

    import clickstream_pipeline

    sensor = dag.get_task(f"{step}_done")
    assert isinstance(sensor, HttpSensor)
    assert sensor.method == "GET"
    assert sensor.endpoint == f"/api/v1/jobs/{{{{ ti.xcom_pull(task_ids='{step}') }}}}"
    assert sensor.response_check.__name__ == clickstream_pipeline.job_finished.__name__
    assert sensor.mode == "reschedule"
    assert sensor.timeout == clickstream_pipeline.STEP_TIMEOUTS[step].total_seconds()
    assert sensor.poke_interval == clickstream_pipeline.DEFAULT_POKE_INTERVAL_SECONDS


def test_health_waits_for_get_health(dag):
    health = dag.get_task("health")
    assert (health.method, health.endpoint, health.mode) == ("GET", "/health", "reschedule")
    assert health.timeout > 0


def test_request_body_and_bearer_header_render_from_the_run_and_the_connection(dag):
    from types import SimpleNamespace

    env = dag.get_template_env()
    task = dag.get_task("stage")
    run_id = "scheduled__2026-11-21T13:00:00+00:00"
    connection = {"clickstream_api": SimpleNamespace(password="t0ken-value")}

    assert env.from_string(task.data).render(run_id=run_id) == '{"runId": "' + run_id + '"}'
    header = task.headers["Authorization"]
    assert env.from_string(header).render(conn=connection) == "Bearer t0ken-value"
    no_password = {"clickstream_api": SimpleNamespace(password=None)}
    assert env.from_string(header).render(conn=no_password) == ""
