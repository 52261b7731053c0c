"""The central sync server (FastAPI): accounts, areas, batch push, safe pull, blobs."""
