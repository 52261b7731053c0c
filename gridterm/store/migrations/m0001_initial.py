"""Schema 1: territory, register, users, round, visits, tickets, inspections, outbox, search."""

from __future__ import annotations

import sqlite_utils

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE street_office (id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL
    DEFAULT 0);
CREATE TABLE community (
    id TEXT PRIMARY KEY, street_office_id TEXT NOT NULL REFERENCES street_office(id),
    name TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 0);
CREATE TABLE grid (
    id TEXT PRIMARY KEY, community_id TEXT NOT NULL REFERENCES community(id),
    name TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'residential'
        CHECK (kind IN ('residential', 'special')),
    version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX grid_community ON grid(community_id);
CREATE TABLE building (
    id TEXT PRIMARY KEY, grid_id TEXT NOT NULL REFERENCES grid(id), number TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '', floors INTEGER NOT NULL DEFAULT 1,
    captain TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX building_grid ON building(grid_id);
CREATE TABLE unit (
    id TEXT PRIMARY KEY, building_id TEXT NOT NULL REFERENCES building(id),
    number TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX unit_building ON unit(building_id);
CREATE TABLE household (
    id TEXT PRIMARY KEY,
    grid_id TEXT NOT NULL REFERENCES grid(id),
    building_id TEXT NOT NULL REFERENCES building(id),
    unit_id TEXT NOT NULL REFERENCES unit(id),
    floor INTEGER NOT NULL, room TEXT NOT NULL, address TEXT NOT NULL,
    key_reasons TEXT NOT NULL DEFAULT '[]',      -- JSON list of KeyReason values
    party_member INTEGER NOT NULL DEFAULT 0, vacant INTEGER NOT NULL DEFAULT 0,
    rental INTEGER NOT NULL DEFAULT 0, phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX household_grid ON household(grid_id);
CREATE INDEX household_building ON household(building_id, floor, room);
CREATE TABLE resident (
    id TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES household(id),
    name TEXT NOT NULL, gender TEXT NOT NULL, birth_date TEXT,
    relation TEXT NOT NULL DEFAULT 'other', id_number TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '', health TEXT NOT NULL DEFAULT '',
    party_member INTEGER NOT NULL DEFAULT 0, moved_out INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX resident_household ON resident(household_id);
CREATE TABLE premises (
    id TEXT PRIMARY KEY, grid_id TEXT NOT NULL REFERENCES grid(id), name TEXT NOT NULL,
    operator TEXT NOT NULL DEFAULT '', licence_no TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '', trade TEXT NOT NULL DEFAULT '',
    building TEXT NOT NULL DEFAULT '', floor TEXT NOT NULL DEFAULT '',
    row TEXT NOT NULL DEFAULT '', number TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX premises_grid ON premises(grid_id);

CREATE TABLE user (
    id TEXT PRIMARY KEY, worker_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    role TEXT NOT NULL, community_id TEXT, street_office_id TEXT,
    version INTEGER NOT NULL DEFAULT 0);
CREATE TABLE user_grid (
    user_id TEXT NOT NULL REFERENCES user(id), grid_id TEXT NOT NULL REFERENCES grid(id),
    PRIMARY KEY (user_id, grid_id));

CREATE TABLE check_in (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES user(id),
    kind TEXT NOT NULL CHECK (kind IN ('in', 'out')), at TEXT NOT NULL,
    latitude REAL, longitude REAL, accuracy_m REAL);
CREATE INDEX check_in_user ON check_in(user_id, at);

CREATE TABLE visit (
    id TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES household(id),
    user_id TEXT NOT NULL, visited_at TEXT NOT NULL, visit_type TEXT NOT NULL,
    met TEXT NOT NULL DEFAULT '[]', concerns TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL, photos TEXT NOT NULL DEFAULT '[]',
    ticket_id TEXT, revision_of TEXT REFERENCES visit(id), created_at TEXT NOT NULL);
CREATE INDEX visit_household ON visit(household_id, visited_at);
CREATE INDEX visit_user ON visit(user_id, visited_at);
CREATE INDEX visit_revision ON visit(revision_of);

CREATE TABLE ticket (
    id TEXT PRIMARY KEY, grid_id TEXT NOT NULL REFERENCES grid(id),
    category TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
    urgent INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, level TEXT NOT NULL,
    reported_by TEXT NOT NULL, reported_at TEXT NOT NULL,
    household_id TEXT REFERENCES household(id), visit_id TEXT,
    department TEXT NOT NULL DEFAULT '', location TEXT NOT NULL DEFAULT '',
    photos TEXT NOT NULL DEFAULT '[]', updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX ticket_grid_status ON ticket(grid_id, status);
CREATE INDEX ticket_household ON ticket(household_id);
CREATE TABLE ticket_transition (
    id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL REFERENCES ticket(id),
    action TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL,
    from_level TEXT, to_level TEXT NOT NULL, by_user TEXT NOT NULL, at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '', department TEXT NOT NULL DEFAULT '', photo TEXT);
CREATE INDEX ticket_transition_ticket ON ticket_transition(ticket_id, at);

CREATE TABLE checklist_template (
    id TEXT PRIMARY KEY, code TEXT NOT NULL, version INTEGER NOT NULL, title TEXT NOT NULL,
    items TEXT NOT NULL,                          -- JSON list of checklist items
    UNIQUE (code, version));
CREATE TABLE hazard_inspection (
    id TEXT PRIMARY KEY, premises_id TEXT NOT NULL REFERENCES premises(id),
    grid_id TEXT NOT NULL REFERENCES grid(id), inspector_id TEXT NOT NULL,
    template_code TEXT NOT NULL, template_version INTEGER NOT NULL,
    started_at TEXT NOT NULL, status TEXT NOT NULL, completed_at TEXT,
    signature TEXT, revision_of TEXT REFERENCES hazard_inspection(id),
    FOREIGN KEY (template_code, template_version)
        REFERENCES checklist_template(code, version));
CREATE INDEX hazard_inspection_premises ON hazard_inspection(premises_id, started_at);
CREATE TABLE checklist_answer (
    inspection_id TEXT NOT NULL REFERENCES hazard_inspection(id), item_code TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'na')),
    note TEXT NOT NULL DEFAULT '', photos TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (inspection_id, item_code));
CREATE TABLE hazard (
    id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL REFERENCES hazard_inspection(id),
    premises_id TEXT NOT NULL REFERENCES premises(id), grid_id TEXT NOT NULL,
    item_code TEXT NOT NULL, severity TEXT NOT NULL, deadline TEXT NOT NULL,
    responsible TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,
    found_at TEXT NOT NULL, photos TEXT NOT NULL DEFAULT '[]', ticket_id TEXT,
    closed_at TEXT, version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX hazard_premises ON hazard(premises_id, status);
CREATE INDEX hazard_grid_status ON hazard(grid_id, status, deadline);

-- Photos and signatures: the bytes live in the blob store beside the database.
CREATE TABLE attachment (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, mime TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'photo', created_at TEXT NOT NULL,
    uploaded INTEGER NOT NULL DEFAULT 0);

-- Every local write appends here in the same transaction (docs/sync-contract.md).
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL, entity_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    fields TEXT NOT NULL,                         -- JSON object of the fields written
    base_version INTEGER,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sent', 'confirmed', 'rejected')),
    batch_id TEXT, reason TEXT, state_at TEXT);
CREATE INDEX outbox_state ON outbox(state, seq);
CREATE INDEX outbox_entity ON outbox(entity, entity_id);
CREATE TABLE tombstone (
    entity TEXT NOT NULL, entity_id TEXT NOT NULL, deleted_at TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id));

-- Search keys (name, pinyin, initials, address, phone, ID tail) → household/resident.
CREATE TABLE search_term (
    term TEXT NOT NULL, kind TEXT NOT NULL, household_id TEXT NOT NULL, resident_id TEXT);
CREATE INDEX search_term_term ON search_term(term, kind, household_id, resident_id);
CREATE INDEX search_term_owner ON search_term(household_id, resident_id);
"""


def migrate(db: sqlite_utils.Database) -> None:
    """Create the first schema."""
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
