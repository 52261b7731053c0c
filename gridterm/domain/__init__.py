"""The domain of grid work as plain Python: records, their rules and state machines.

Everything here is pure (no database, no Qt, no HTTP) so the terminal and the central server
validate with the very same code.
"""
