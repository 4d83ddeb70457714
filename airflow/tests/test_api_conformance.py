"""The API against its OpenAPI document (issue 14): schemathesis, every check, on the real server.

Without a model here; with a published model at the end of the first cycle of
`test_end_to_end.test_full_cycle_publishes_a_model_and_serves_it`, which already pays for training one.
"""

from __future__ import annotations

import pytest

from support import run_schemathesis

pytestmark = pytest.mark.e2e


def test_the_api_conforms_to_its_document_before_any_model_is_published(pipeline_server_without_source):
    run_schemathesis(pipeline_server_without_source)
