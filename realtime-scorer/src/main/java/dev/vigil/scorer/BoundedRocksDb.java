package dev.vigil.scorer;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of this process: one block cache shared by all stores
 * (index and filter blocks included, so they count too) and one write-buffer manager charging
 * memtables to that same cache. Sizes come from the Streams configuration, keys
 * {@value #CACHE_BYTES} and {@value #WRITE_BUFFER_BYTES} (Quarkus: {@code kafka-streams.} prefix).
 * Set with {@code rocksdb.config.setter}. The cache lives as long as the process, like the stores
 * sharing it, so it is never closed per store.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    static final String CACHE_BYTES = "vigil.rocksdb.total.bytes";
    static final String WRITE_BUFFER_BYTES = "vigil.rocksdb.write.buffer.bytes";
    static final long DEFAULT_CACHE_BYTES = 64L << 20;
    static final long DEFAULT_WRITE_BUFFER_BYTES = 16L << 20;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared(configs));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
    }

    private static synchronized Cache shared(Map<String, Object> configs) {
        if (cache == null) {
            long total = bytes(configs, CACHE_BYTES, DEFAULT_CACHE_BYTES);
            long writes = bytes(configs, WRITE_BUFFER_BYTES, DEFAULT_WRITE_BUFFER_BYTES);
            if (writes > total) {
                throw new IllegalArgumentException(
                        WRITE_BUFFER_BYTES + " (" + writes + ") must not exceed " + CACHE_BYTES + " (" + total + ")");
            }
            // high-priority pool for index and filter blocks, so data blocks cannot evict them
            cache = new LRUCache(total, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(writes, cache);
        }
        return cache;
    }

    static long bytes(Map<String, Object> configs, String key, long fallback) {
        Object value = configs.get(key);
        return value == null ? fallback : Long.parseLong(value.toString().trim());
    }

    @Override
    public void close(String storeName, Options options) {
        // shared by every store until the process ends
    }
}
