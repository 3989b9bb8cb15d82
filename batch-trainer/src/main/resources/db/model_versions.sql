-- Every candidate the trainer evaluated, idempotent to apply at each start.
CREATE TABLE IF NOT EXISTS model_versions (
    version            text PRIMARY KEY,
    bank_id            text NOT NULL,
    model_type         text NOT NULL,
    feature_schema     text NOT NULL,
    train_from         timestamptz NOT NULL,
    train_to           timestamptz NOT NULL,
    test_from          timestamptz NOT NULL,
    test_to            timestamptz NOT NULL,
    auc_roc            double precision,
    average_precision  double precision NOT NULL,
    metrics            text NOT NULL,
    status             text NOT NULL CHECK (status IN ('champion', 'challenger', 'rejected')),
    champion_average_precision double precision,
    spark_model_path   text,
    trained_at         timestamptz NOT NULL,
    recorded_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS model_versions_one_champion
    ON model_versions (bank_id) WHERE status = 'champion';
