package dev.vigil.features;

import java.util.Arrays;
import java.util.Optional;

/**
 * The countries a card was used in, exactly and in fixed space: one bit for each of the
 * 26 × 26 possible ISO 3166-1 alpha-2 codes (676 bits in 11 words). Only the words in use are
 * stored, so a card seen in a handful of countries costs a few bytes.
 */
public final class CountrySet {

    static final int WORDS = (26 * 26 + 63) / 64;
    static final CountrySet NONE = new CountrySet(new long[WORDS]);

    private final long[] bits;

    private CountrySet(long[] bits) {
        this.bits = bits;
    }

    static CountrySet ofWords(long[] words) {
        if (words.length != WORDS) {
            throw new IllegalArgumentException("a country set has " + WORDS + " words, got " + words.length);
        }
        return new CountrySet(words.clone());
    }

    /** The bit of a code, when it is two letters A–Z (upper case, as the schema requires). */
    static Optional<Integer> bitOf(String countryCode) {
        if (countryCode == null || countryCode.length() != 2) {
            return Optional.empty();
        }
        int first = countryCode.charAt(0) - 'A';
        int second = countryCode.charAt(1) - 'A';
        if (first < 0 || first >= 26 || second < 0 || second >= 26) {
            return Optional.empty();
        }
        return Optional.of(first * 26 + second);
    }

    /** This set with the country added; a code that is not two letters A–Z is not recorded. */
    CountrySet with(String countryCode) {
        return bitOf(countryCode)
                .map(bit -> {
                    long[] grown = bits.clone();
                    grown[bit / 64] |= 1L << (bit % 64);
                    return new CountrySet(grown);
                })
                .orElse(this);
    }

    public boolean contains(String countryCode) {
        return bitOf(countryCode)
                .map(bit -> (bits[bit / 64] & (1L << (bit % 64))) != 0)
                .orElse(false);
    }

    public int size() {
        int size = 0;
        for (long word : bits) {
            size += Long.bitCount(word);
        }
        return size;
    }

    long[] words() {
        return bits.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CountrySet that && Arrays.equals(bits, that.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        StringBuilder codes = new StringBuilder("[");
        for (int bit = 0; bit < 26 * 26; bit++) {
            if ((bits[bit / 64] & (1L << (bit % 64))) != 0) {
                codes.append(codes.length() > 1 ? "," : "")
                        .append((char) ('A' + bit / 26))
                        .append((char) ('A' + bit % 26));
            }
        }
        return codes.append(']').toString();
    }
}
