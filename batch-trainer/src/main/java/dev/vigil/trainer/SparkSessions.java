package dev.vigil.trainer;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The thin shell around the pipelines. {@code local[*]} unless a master is already configured, so
 * the same jar runs on a laptop and, unchanged, under {@code spark-submit --master ...} on a cluster.
 */
public final class SparkSessions {

    private SparkSessions() {}

    public static SparkSession create(String appName) {
        return create(appName, Map.of());
    }

    /** With the job's own defaults, each unless configured otherwise ({@code --conf}, {@code -Dspark.*}). */
    public static SparkSession create(String appName, Map<String, String> defaults) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        defaults.forEach(conf::setIfMissing);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.ui.enabled", "false");
        if (conf.get("spark.master").startsWith("local")) {
            // one JVM: its driver and block manager listen on loopback, not on whatever the host name resolves to
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            // one machine: a few tasks per core, not the cluster default of 200 tiny ones per shuffle
            conf.setIfMissing(
                    "spark.sql.shuffle.partitions",
                    Integer.toString(4 * Runtime.getRuntime().availableProcessors()));
        }
        // rows carry Instant and LocalDate: java.sql.Timestamp conversion needs JDK internals opened
        conf.set("spark.sql.datetime.java8API.enabled", "true");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
