-- The console's searchable audit log (AuditTrail.search): newest first by id, filtered by actor
-- and by a time range. The trail only grows, so these keep a search from reading all of it.
CREATE INDEX audit_entry_actor ON audit_entry (actor, id);
CREATE INDEX audit_entry_at ON audit_entry (at);
