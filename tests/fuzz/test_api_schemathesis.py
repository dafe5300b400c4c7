"""Schemathesis against /api/v1/openapi.json on the app served over HTTP:
every operation with generated valid and invalid input (stateless), then
the operations chained through the document's links (stateful). Checks: no
server error, every status and content type documented, every answer valid
against its schema, invalid input rejected. Examples are capped
(SCHEMATHESIS_EXAMPLES per operation and mode, 25 by default) and seeded."""
from __future__ import annotations

import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.fuzz import ONCE, SEED

pytestmark = ONCE
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, negative_data_rejection]
TALLY = {"calls": 0, "server_errors": 0}


def fuzz_settings(examples: int):
    return settings(max_examples=examples, database=None, deadline=None,
                    phases=[Phase.explicit, Phase.generate], print_blob=True,
                    suppress_health_check=list(HealthCheck))


def signed_in(live_url, fuzz_world, role: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{live_url}/login")
    assert page.status_code == 200
    signed = session.post(f"{live_url}/login", data={"email": fuzz_world["emails"][role],
                                                     "password": fuzz_world["password"]},
                          allow_redirects=False)
    assert signed.status_code == 302
    return session


@pytest.fixture(scope="module")
def api(live_url, fuzz_world):
    """The document as the server serves it, and a session signed in as a
    supplier admin (so /account and /leads answer too)."""
    schema = schemathesis.openapi.from_url(f"{live_url}/api/v1/openapi.json")
    return schema, signed_in(live_url, fuzz_world, "supplier_admin"), live_url


def call(case, session, base_url) -> None:
    response = case.call(base_url=base_url, session=session)
    TALLY["calls"] += 1
    TALLY["server_errors"] += response.status_code >= 500
    case.validate_response(response, checks=CHECKS)


def operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_stateless(api, mode):
    schema, session, base_url = api
    ops = operations(schema)
    assert len(ops) >= 9
    for op in ops:
        @seed(SEED)
        @given(case=op.as_strategy(generation_mode=mode))
        @fuzz_settings(EXAMPLES)
        def run(case):
            call(case, session, base_url)

        try:
            run()
        except Unsatisfiable:
            # nothing to make invalid: no parameter and no body (GET /api/v1/account)
            assert mode == GenerationMode.NEGATIVE and not op.query and not op.body and not op.path_parameters
    print(f"\nschemathesis {mode.value}: {TALLY['calls']} calls so far, "
          f"{TALLY['server_errors']} server errors")
    assert TALLY["server_errors"] == 0


# The operations only the bureau may call (a supplier gets 403 from each, which proves little).
BUREAU_OPERATIONS = ("project_records", "project_decision", "whatif")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_bureau_operations_signed_in_as_the_bureau(api, live_url, fuzz_world, mode):
    schema, _supplier, base_url = api
    session = signed_in(live_url, fuzz_world, "bureau_admin")
    ops = [op for op in operations(schema) if op.definition.raw.get("operationId") in BUREAU_OPERATIONS]
    assert len(ops) == len(BUREAU_OPERATIONS)
    statuses: dict[int, int] = {}
    for op in ops:
        @seed(SEED)
        @given(case=op.as_strategy(generation_mode=mode))
        @fuzz_settings(EXAMPLES)
        def run(case):
            response = case.call(base_url=base_url, session=session)
            TALLY["calls"] += 1
            TALLY["server_errors"] += response.status_code >= 500
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            case.validate_response(response, checks=CHECKS)

        run()
    print(f"\nschemathesis bureau {mode.value}: statuses {sorted(statuses.items())}")
    assert TALLY["server_errors"] == 0
    assert 403 not in statuses   # signed in as the bureau, the operations really ran


def test_linked_operations_stateful(api):
    schema, session, base_url = api
    machine = schema.as_state_machine()

    class Chained(machine):
        def call(self, case, **kwargs):
            TALLY["calls"] += 1
            response = case.call(base_url=base_url, session=session, **kwargs)
            TALLY["server_errors"] += response.status_code >= 500
            return response

        def validate_response(self, response, case, **kwargs):
            case.validate_response(response, checks=CHECKS)

    before = TALLY["calls"]
    Chained.run(settings=settings(max_examples=max(EXAMPLES // 2, 5), stateful_step_count=6, database=None,
                                  deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)))
    # (stateful runs are derandomized: hypothesis' seed decorator does not reach a state machine)
    print(f"\nschemathesis stateful: {TALLY['calls'] - before} calls, {TALLY['server_errors']} server errors")
    assert TALLY["calls"] > before and TALLY["server_errors"] == 0
