"""The Qt (PySide6) terminal app: widgets, table models, dialogs."""
