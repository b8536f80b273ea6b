"""A unit's evaluations: each saved state a version (the canonical JSON of the core model), the history
of every field change, the findings of the current version, the workflow, editing and uploads."""
