-- Every transaction id a bank sent, with a hash of its tokenised content: a reused id with other
-- content is refused whatever restarted since, and a label must name a transaction its bank sent.
-- No card number: the card token only.
CREATE TABLE sent_transactions (
    bank_id        text        NOT NULL,
    transaction_id text        NOT NULL,
    content_hash   text        NOT NULL,
    card_token     text        NOT NULL,
    event_time     timestamptz NOT NULL,
    -- false until Kafka acknowledged the record: a retry with the same content then produces again
    acknowledged   boolean     NOT NULL DEFAULT false,
    first_sent_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bank_id, transaction_id)
);
