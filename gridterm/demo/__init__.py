"""Demo data (演示数据): a realistic, deterministic street office for demos, tests and benches.

``build_demo`` (in ``generator``) writes a whole street office — territory, register, staff,
and a few months of visits, tickets and inspections — into a new terminal database, as if it
had just been synced from the server.
"""

#: The seed of the demo everyone shares (app demo mode, server demo, benches).
DEFAULT_SEED = 20240501
