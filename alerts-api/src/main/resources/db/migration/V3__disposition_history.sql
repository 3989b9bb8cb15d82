-- Every decision on an alert, in order: who (the token's subject), when, what (the status it set,
-- with its note). Append-only: the alerts row holds the current state, this table how it got there.
CREATE TABLE disposition_history (
    seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id    text        NOT NULL,
    bank_id     text        NOT NULL,
    version     integer     NOT NULL,
    status      text        NOT NULL,
    analyst     text        NOT NULL,
    note        text,
    decided_at  timestamptz NOT NULL,
    UNIQUE (alert_id, version)
);

CREATE FUNCTION disposition_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'disposition_history is append-only';
END
$$;

CREATE TRIGGER disposition_history_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON disposition_history
    FOR EACH STATEMENT EXECUTE FUNCTION disposition_history_is_append_only();
