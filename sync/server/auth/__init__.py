"""Authentication (device enrollment, user login) and the area each user may sync."""
