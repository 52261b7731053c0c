"""What a street office sets up: territory, register, users, grids, templates, enrollment."""
