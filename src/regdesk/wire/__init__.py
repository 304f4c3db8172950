"""Wire schemas of the HQ sync protocol (``/api/v1``), shared by HQ and the desk sync engine.

Pydantic v2 models only: no web framework, no HTTP client. JSON field names are part of the
protocol and must stay stable; add optional fields, never rename.
"""

from regdesk.wire.changes import (
    AgeLimitsChange,
    Change,
    ChangesResponse,
    LifecycleChange,
    MembershipChange,
    OccupationChange,
    PaidPeriod,
    RatesChange,
    RegionChange,
    RegistrationChange,
)
from regdesk.wire.common import API_PREFIX, ErrorResponse, HealthResponse
from regdesk.wire.enrol import EnrolRequest, EnrolResponse
from regdesk.wire.push import (
    DuplicateOf,
    Outcome,
    ProblemOut,
    PushRecord,
    PushRequest,
    PushResponse,
    RecordResult,
)
from regdesk.wire.verify import VerifyResponse

__all__ = [
    "API_PREFIX",
    "AgeLimitsChange",
    "Change",
    "ChangesResponse",
    "DuplicateOf",
    "EnrolRequest",
    "EnrolResponse",
    "ErrorResponse",
    "HealthResponse",
    "LifecycleChange",
    "MembershipChange",
    "OccupationChange",
    "Outcome",
    "PaidPeriod",
    "ProblemOut",
    "PushRecord",
    "PushRequest",
    "PushResponse",
    "RatesChange",
    "RecordResult",
    "RegionChange",
    "RegistrationChange",
    "VerifyResponse",
]
