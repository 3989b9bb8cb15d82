package dev.vigil.trainer;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession for every test class in the JVM (starting one takes seconds). */
public final class TestSpark {

    private TestSpark() {}

    public static synchronized SparkSession session() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("batch-trainer-tests")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.datetime.java8API.enabled", "true")
                .getOrCreate();
    }
}
