-- Analysts' decisions on alerts. version is the optimistic-concurrency token: a decision names
-- the version it was made on, and a stale one is refused.
ALTER TABLE alerts
    ADD COLUMN version          integer     NOT NULL DEFAULT 0,
    ADD COLUMN disposed_by      text,
    ADD COLUMN disposition_note text,
    ADD COLUMN disposed_at      timestamptz;

-- Transactional outbox: a label is written here in the same database transaction as the decision,
-- produced to transaction-labels by the relay, and marked sent after the broker's acknowledgement.
CREATE TABLE label_outbox (
    seq              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label_id         text        NOT NULL UNIQUE,
    bank_id          text        NOT NULL,
    transaction_id   text        NOT NULL,
    card_token       text        NOT NULL,
    label            text        NOT NULL,
    labelled_at      timestamptz NOT NULL,
    transaction_time timestamptz,
    note             text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);

CREATE INDEX label_outbox_unsent ON label_outbox (seq) WHERE sent_at IS NULL;
