-- Console user administration: an ADMIN disables a user (who can no longer log in, and whose
-- sessions stop working) rather than deleting them, so the audit trail's actors stay known.
-- NULL while the user is active.
ALTER TABLE app_user ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
