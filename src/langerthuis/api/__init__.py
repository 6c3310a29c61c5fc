"""The read-only JSON API under /api, described by OpenAPI. Its resources are the same
serialised domain objects that the JSON downloads contain."""
