-- Subscription periods paid before the engine's own history starts (subscriptions.csv): the last
-- charge of a number's plan as the gateway's billing knew it. The engine's own approved charges
-- are tracked in memory; a check uses whichever of the two is later.
CREATE TABLE subscription_paid (
    msisdn          VARCHAR(11)  NOT NULL,
    merchant_id     VARCHAR(128) NOT NULL,
    product_id      VARCHAR(128) NOT NULL,
    billing_type    VARCHAR(32)  NOT NULL,
    last_charged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT subscription_paid_key PRIMARY KEY (msisdn, merchant_id, product_id, last_charged_at)
);
