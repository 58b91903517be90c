-- The review queue's filters, and subscribers' contests of automated blocks.

-- A contest (申诉) of a BLOCK: when it came in, who passed it on (an API token's or a user's name)
-- and the subscriber's statement as given (shown masked). NULL: never contested. A case is
-- contested at most once; a second contest of the same request changes nothing.
ALTER TABLE review_case ADD COLUMN contested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE review_case ADD COLUMN contested_by VARCHAR(64);
ALTER TABLE review_case ADD COLUMN contest_statement VARCHAR(4000);

-- The queue is read by status, highest score first, then oldest; and filtered by merchant, by the
-- date it opened, and (on a case's page) by its number (review_case_msisdn exists) and device.
CREATE INDEX review_case_queue ON review_case (status, score, opened_at);
CREATE INDEX review_case_merchant ON review_case (merchant_id, opened_at);
CREATE INDEX review_case_opened ON review_case (opened_at);
CREATE INDEX review_case_device ON review_case (device_id);
