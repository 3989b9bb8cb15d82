package dev.vigil.features;

import java.util.Arrays;

/**
 * A fixed-size Bloom filter of strings (merchant ids, MCCs a card was used at): {@link #contains}
 * never misses a value added, and says "seen" for a value never added with a probability that
 * grows with the number of distinct values (rates in the module README). The hash is FNV-1a over
 * the string's UTF-16 units, fixed here, so every JVM (the scorer's and the trainer's) sets the
 * same bits.
 */
public final class Sketch {

    /** 1024 bits, 4 probes: about 1% false "seen" after 100 distinct merchants. */
    public static final int MERCHANT_WORDS = 16;

    static final int MERCHANT_PROBES = 4;
    /** 256 bits, 3 probes: about 2.6% false "seen" after 30 distinct MCCs. */
    public static final int MCC_WORDS = 4;

    static final int MCC_PROBES = 3;

    static final Sketch NO_MERCHANTS = new Sketch(new long[MERCHANT_WORDS], MERCHANT_PROBES);
    static final Sketch NO_MCCS = new Sketch(new long[MCC_WORDS], MCC_PROBES);

    private final long[] words;
    private final int probes;

    private Sketch(long[] words, int probes) {
        this.words = words;
        this.probes = probes;
    }

    static Sketch ofWords(long[] words, int probes) {
        return new Sketch(words.clone(), probes);
    }

    public boolean contains(String value) {
        long hash = hash(value);
        int bits = words.length * 64;
        for (int i = 0; i < probes; i++) {
            int bit = probe(hash, i, bits);
            if ((words[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    Sketch with(String value) {
        long hash = hash(value);
        int bits = words.length * 64;
        long[] grown = words.clone();
        for (int i = 0; i < probes; i++) {
            int bit = probe(hash, i, bits);
            grown[bit >>> 6] |= 1L << bit;
        }
        return new Sketch(grown, probes);
    }

    long[] words() {
        return words.clone();
    }

    /** Double hashing (Kirsch and Mitzenmacher): probe i is h1 + i·h2. */
    private static int probe(long hash, int i, int bits) {
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        return Math.floorMod(h1 + i * h2, bits);
    }

    static long hash(String value) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            hash ^= value.charAt(i);
            hash *= 0x100000001b3L;
        }
        // FNV's low bits mix poorly for short strings; finish with a 64-bit avalanche
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sketch that && probes == that.probes && Arrays.equals(words, that.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "Sketch{" + Arrays.stream(words).map(Long::bitCount).sum() + " bits set of " + words.length * 64 + "}";
    }
}
