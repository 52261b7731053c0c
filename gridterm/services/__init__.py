"""Services: what a screen or the CLI asks of the core, validated and written in one transaction.

Each service takes a ``Session`` (the store and the logged-in user) in its constructor; none
keeps global state. Reads return domain objects or small row dataclasses; writes validate with
the domain's rules first and raise typed errors, so bad input changes nothing.
"""
