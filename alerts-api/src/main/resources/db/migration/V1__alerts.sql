-- Fraud alerts as the sink stores them. The card is kept masked (BIN and last four only): no card
-- number or other card data ever reaches this database.
CREATE TABLE alerts (
    alert_id         text             PRIMARY KEY,
    bank_id          text             NOT NULL,
    transaction_id   text             NOT NULL,
    card_token       text             NOT NULL,
    card_masked      text             NOT NULL,
    amount_minor     bigint           NOT NULL,
    currency         char(3)          NOT NULL,
    merchant_id      text             NOT NULL,
    mcc              text             NOT NULL,
    merchant_country text             NOT NULL,
    channel          text             NOT NULL,
    event_time       timestamptz      NOT NULL,
    score            double precision NOT NULL,
    decision         text             NOT NULL,
    reasons          jsonb            NOT NULL,
    model_version    text             NOT NULL,
    status           text             NOT NULL DEFAULT 'OPEN',
    scored_at        timestamptz      NOT NULL,
    created_at       timestamptz      NOT NULL DEFAULT now()
);

-- Pages are newest first by event time, the alert id breaking ties (keyset pagination).
CREATE INDEX alerts_by_bank_and_time ON alerts (bank_id, event_time DESC, alert_id DESC);
CREATE INDEX alerts_by_time ON alerts (event_time DESC, alert_id DESC);
CREATE INDEX alerts_by_card ON alerts (card_token, event_time DESC);
CREATE INDEX alerts_by_merchant ON alerts (merchant_id, event_time DESC);
