-- The JSON columns become CHARACTER VARYING. As CLOBs, H2 kept every value longer than 256
-- characters (a review case's snapshot, the hits of most case-opening verdicts) in its separate
-- LOB maps: a LOB id, a reference and a data block written per value, and read back through a
-- second lookup. Inline, a value is part of its row. 1,000,000 characters is H2's longest
-- CHARACTER VARYING; a snapshot is a few kilobytes. SET DATA TYPE is standard SQL (PostgreSQL too).
ALTER TABLE decision ALTER COLUMN hits_json SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE review_case ALTER COLUMN hits_json SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE review_case ALTER COLUMN snapshot_json SET DATA TYPE CHARACTER VARYING(1000000);
