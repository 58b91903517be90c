-- Case ids come from an identity sequence that H2 hands out 32 at a time; each time it runs out,
-- H2 writes the sequence with a commit of its own, which stores every page the decision writer's
-- open transaction has changed so far (about one store every 32 cases: as many as the writer's
-- own commits). A larger cache stores the sequence every 4,096 cases instead. After a crash the
-- ids not yet handed out are skipped: case ids may have gaps, as they could before.
ALTER TABLE review_case ALTER COLUMN case_id SET CACHE 4096;
