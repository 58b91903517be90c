-- A deduction or refund is stored once per charge: finding the one stored before by request id
-- scanned the whole table, so importing n disputes cost n² row reads.
CREATE INDEX charge_outcome_request ON charge_outcome (request_id, kind);
