"""The HTTP API: one router per area, sharing dependencies and error answers."""
