"""Table models over small frozen dataclass rows (checked with qtmodeltester)."""
