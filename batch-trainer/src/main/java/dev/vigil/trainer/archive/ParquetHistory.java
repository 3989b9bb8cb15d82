package dev.vigil.trainer.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The archive's Parquet history: {@code transactions/} and {@code labels/} below one folder. */
public record ParquetHistory(Path dir) {

    public Dataset<Row> transactions(SparkSession spark) {
        return read(spark, dir.resolve("transactions"), HistoryRows.TRANSACTION);
    }

    public Dataset<Row> labels(SparkSession spark) {
        return read(spark, dir.resolve("labels"), HistoryRows.LABEL);
    }

    /** Nothing archived yet reads as an empty history, which then has too few labels to train. */
    private static Dataset<Row> read(SparkSession spark, Path dir, StructType schema) {
        return Files.isDirectory(dir)
                ? spark.read().schema(schema).parquet(dir.toString())
                : spark.createDataFrame(List.of(), schema);
    }
}
