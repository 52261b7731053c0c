"""Attachments (photos, signatures, snapshots): SHA-256 addressed, uploaded in resumable chunks."""
