package dev.vigil.features;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * The compact binary form of a {@link CardProfile} (the scorer's RocksDB value), big-endian:
 *
 * <pre>
 * byte    format version (1)
 * long    count
 * long    last event time, epoch millis
 * double  amount weight, mean, m2
 * byte    1 if a location follows, else 0
 * double  latitude, longitude            (only if present)
 * byte    n, the number of recent event times (at most 16)
 * long[n] recent event times, epoch millis, oldest first
 * short   mask of the country-set words in use (11 bits)
 * long[k] those words, lowest first
 * </pre>
 *
 * 61 bytes for a card seen once in one country without a location (45 for {@link CardProfile#EMPTY});
 * at most {@value #MAX_SIZE} bytes. A new layout gets a new
 * version byte, and {@link #decode} keeps reading the old ones.
 */
public final class CardProfileCodec {

    public static final byte VERSION = 1;
    /** Size of the largest profile: location, full ring of times, every country word. */
    public static final int MAX_SIZE = 1 + 8 + 8 + 3 * 8 + 1 + 2 * 8 + 1 + RecentEventTimes.CAPACITY * 8 + 2 + CountrySet.WORDS * 8;

    private CardProfileCodec() {
    }

    public static byte[] encode(CardProfile profile) {
        ByteBuffer out = ByteBuffer.allocate(MAX_SIZE);
        out.put(VERSION);
        out.putLong(profile.count());
        out.putLong(profile.lastEventTime().toEpochMilli());
        out.putDouble(profile.amounts().weight());
        out.putDouble(profile.amounts().mean());
        out.putDouble(profile.amounts().m2());
        out.put((byte) (profile.lastLocation().isPresent() ? 1 : 0));
        profile.lastLocation().ifPresent(location -> out.putDouble(location.latitude()).putDouble(location.longitude()));
        long[] times = profile.recentTimes().epochMillis();
        out.put((byte) times.length);
        for (long time : times) {
            out.putLong(time);
        }
        long[] words = profile.countries().words();
        short mask = 0;
        for (int i = 0; i < words.length; i++) {
            if (words[i] != 0) {
                mask |= (short) (1 << i);
            }
        }
        out.putShort(mask);
        for (long word : words) {
            if (word != 0) {
                out.putLong(word);
            }
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    /** Reads a stored profile; throws {@link IllegalArgumentException} for bytes that are not one. */
    public static CardProfile decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("no card profile: empty value");
        }
        if (bytes[0] != VERSION) {
            throw new IllegalArgumentException("unknown card profile format version " + bytes[0]);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        try {
            long count = in.getLong();
            Instant lastEventTime = Instant.ofEpochMilli(in.getLong());
            AmountStats amounts = new AmountStats(in.getDouble(), in.getDouble(), in.getDouble());
            Optional<Location> location = in.get() == 1
                    ? Optional.of(new Location(in.getDouble(), in.getDouble()))
                    : Optional.empty();
            int n = in.get();
            if (n < 0 || n > RecentEventTimes.CAPACITY) {
                throw new IllegalArgumentException("card profile holds " + n + " recent times, at most "
                        + RecentEventTimes.CAPACITY + " allowed");
            }
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                times[i] = in.getLong();
            }
            short mask = in.getShort();
            long[] words = new long[CountrySet.WORDS];
            for (int i = 0; i < words.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    words[i] = in.getLong();
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("card profile has " + in.remaining() + " trailing bytes");
            }
            return new CardProfile(count, lastEventTime, amounts, location, RecentEventTimes.of(times),
                    CountrySet.ofWords(words));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("card profile truncated at " + bytes.length + " bytes", e);
        }
    }
}
