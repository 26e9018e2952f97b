"""The plain-word title of every chart, shared by the builders (drawn in the figure) and the catalogue.

The English here is the source text: where a title is shown it goes through tr(), in the user's language.
"""

from __future__ import annotations

TITLES: dict[str, str] = {
    "consensus": "Where the managers agree: consensus ranking",
    "agreement": "Who agrees with whom: agreement between managers",
    "rank_distribution": "How often each opportunity got each place",
    "readiness": "How ready each team says it is",
    "perception_gap": "Managers' estimate against the team's own view",
    "readiness_trend": "Readiness over time, per team and dimension",
    "adkar": "ADKAR: where each team's change stalls",
    "priority_readiness": "Priority against readiness: where to start",
    "pilot_timeline": "Pilot plan with checkpoints",
    "caution_flags": "Caution flags by category and severity",
    "audit_candidates": "Audit: hours spent against AI potential",
    "points": "How the managers spent 100 points",
    "impact_effort": "Impact against effort: where each opportunity falls",
    "capacity": "Time to learn: hours pilots free against hours given to learning",
}
