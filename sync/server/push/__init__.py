"""Push: applying a terminal's batch of outbox ops in one transaction, validated by the core."""
