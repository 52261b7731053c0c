"""The terminal's sync engine: outbox out in batches, area changes in, photos that resume.

No Qt here: the UI runs the engine through qasync with its blocking ``requests`` calls in an
executor (``sync.client.background``), feeding reachability events from QNetworkInformation
into ``SyncScheduler.network_changed``.
"""
