package dev.vigil.features;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The compact binary form of a {@link CardProfile} (the scorer's RocksDB value), big-endian:
 *
 * <pre>
 * byte    format version (5; 1 to 4 are still read)
 * long    count
 * long    last event time, epoch millis
 * double  amount weight, mean, m2
 * byte    1 if a location follows, else 0
 * double  latitude, longitude            (only if present)
 * byte    n, the number of recent event times (at most 16)
 * long[n] recent event times, epoch millis, oldest first
 * short   mask of the country-set words in use (11 bits)
 * long[k] those words, lowest first
 * --- from version 2 on:
 * double[4 × 3] spend horizons 1 h, 24 h, 7 d, 30 d: weight, mean, m2 each
 * long[16] merchant Bloom filter words
 * long[4]  MCC Bloom filter words
 * --- from version 3 on:
 * byte    n, the number of recent merchants (at most 16), latest first, each:
 *   short   length of the merchant id in UTF-8 bytes
 *   byte[]  the merchant id, UTF-8
 *   long    latest purchase there, epoch millis
 * --- from version 4 on:
 * double  the recent peak of amount-to-usual ratios, as of the last event time
 * --- from version 5 on:
 * byte    n, the number of merchant categories (at most 8), by code, each:
 *   short   length of the code in UTF-8 bytes
 *   byte[]  the code, UTF-8
 *   double  amount weight, mean, m2 there, as of the last event time
 * </pre>
 *
 * Version 5: 311 bytes for {@link CardProfile#EMPTY}, 327 plus 10 and the merchant id's length plus 30 for its
 * category (a four-digit code) for a card seen once in one country without a location; at most
 * {@value #MAX_FIXED_SIZE} bytes plus 10 and the id's length per recent merchant and 26 and the code's length
 * per category. Older profiles are still read: version 4 with no amounts per category (the card's usual in
 * each category builds up from its first transaction after the upgrade), version 3 also with no recent peak (a stolen
 * card's first theft before the upgrade is not carried to its next purchase), version 2 also without recent
 * merchants (a common point of purchase the card used before the upgrade is not seen), version 1 (the first
 * release's) also with empty horizons and sketches: its first transaction after the upgrade counts as a
 * new merchant and MCC, and its horizons build up from there. A new layout gets a new version byte, and
 * {@link #decode} keeps reading the old ones.
 */
public final class CardProfileCodec {

    public static final byte VERSION = 5;
    static final byte VERSION_1 = 1;
    static final byte VERSION_2 = 2;
    static final byte VERSION_3 = 3;
    static final byte VERSION_4 = 4;
    /** Size of the largest profile but for its recent merchants' ids and times: location, full ring of times, every country word. */
    public static final int MAX_FIXED_SIZE = 1
            + 8
            + 8
            + 3 * 8
            + 1
            + 2 * 8
            + 1
            + RecentEventTimes.CAPACITY * 8
            + 2
            + CountrySet.WORDS * 8
            + SpendHorizons.HORIZONS.length * 3 * 8
            + (Sketch.MERCHANT_WORDS + Sketch.MCC_WORDS) * 8
            + 1
            + 8
            + 1;

    private CardProfileCodec() {}

    public static byte[] encode(CardProfile profile) {
        List<byte[]> merchantIds = new ArrayList<>();
        int size = MAX_FIXED_SIZE;
        for (RecentMerchants.Visit visit : profile.recentMerchants().visits()) {
            byte[] id = utf8(visit.merchantId(), "a merchant id");
            merchantIds.add(id);
            size += 2 + id.length + 8;
        }
        List<byte[]> codes = new ArrayList<>();
        for (MccAmounts.Category category : profile.mccAmounts().categories()) {
            byte[] code = utf8(category.mcc(), "a merchant category code");
            codes.add(code);
            size += 2 + code.length + 3 * 8;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION);
        out.putLong(profile.count());
        out.putLong(profile.lastEventTime().toEpochMilli());
        out.putDouble(profile.amounts().weight());
        out.putDouble(profile.amounts().mean());
        out.putDouble(profile.amounts().m2());
        out.put((byte) (profile.lastLocation().isPresent() ? 1 : 0));
        profile.lastLocation()
                .ifPresent(location -> out.putDouble(location.latitude()).putDouble(location.longitude()));
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
        for (int h = 0; h < SpendHorizons.HORIZONS.length; h++) {
            AmountStats stats = profile.horizons().at(h);
            out.putDouble(stats.weight()).putDouble(stats.mean()).putDouble(stats.m2());
        }
        for (long word : profile.merchants().words()) {
            out.putLong(word);
        }
        for (long word : profile.mccs().words()) {
            out.putLong(word);
        }
        List<RecentMerchants.Visit> visits = profile.recentMerchants().visits();
        out.put((byte) visits.size());
        for (int i = 0; i < visits.size(); i++) {
            out.putShort((short) merchantIds.get(i).length)
                    .put(merchantIds.get(i))
                    .putLong(visits.get(i).at().toEpochMilli());
        }
        out.putDouble(profile.ratioPeak());
        List<MccAmounts.Category> categories = profile.mccAmounts().categories();
        out.put((byte) categories.size());
        for (int i = 0; i < categories.size(); i++) {
            AmountStats stats = categories.get(i).amounts();
            out.putShort((short) codes.get(i).length)
                    .put(codes.get(i))
                    .putDouble(stats.weight())
                    .putDouble(stats.mean())
                    .putDouble(stats.m2());
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
        byte version = bytes[0];
        if (version < VERSION_1 || version > VERSION) {
            throw new IllegalArgumentException("unknown card profile format version " + bytes[0]);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        try {
            long count = in.getLong();
            Instant lastEventTime = Instant.ofEpochMilli(in.getLong());
            AmountStats amounts = new AmountStats(in.getDouble(), in.getDouble(), in.getDouble());
            Optional<Location> location =
                    in.get() == 1 ? Optional.of(new Location(in.getDouble(), in.getDouble())) : Optional.empty();
            int n = in.get();
            if (n < 0 || n > RecentEventTimes.CAPACITY) {
                throw new IllegalArgumentException(
                        "card profile holds " + n + " recent times, at most " + RecentEventTimes.CAPACITY + " allowed");
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
            SpendHorizons horizons = SpendHorizons.NONE;
            Sketch merchants = Sketch.NO_MERCHANTS;
            Sketch mccs = Sketch.NO_MCCS;
            RecentMerchants recentMerchants = RecentMerchants.NONE;
            if (version >= VERSION_2) {
                AmountStats[] stats = new AmountStats[SpendHorizons.HORIZONS.length];
                for (int h = 0; h < stats.length; h++) {
                    stats[h] = new AmountStats(in.getDouble(), in.getDouble(), in.getDouble());
                }
                horizons = SpendHorizons.of(stats);
                merchants = Sketch.ofWords(longs(in, Sketch.MERCHANT_WORDS), Sketch.MERCHANT_PROBES);
                mccs = Sketch.ofWords(longs(in, Sketch.MCC_WORDS), Sketch.MCC_PROBES);
            }
            if (version >= VERSION_3) {
                recentMerchants = recentMerchants(in);
            }
            double ratioPeak = version >= VERSION_4 ? in.getDouble() : 0;
            MccAmounts mccAmounts = version >= VERSION ? mccAmounts(in) : MccAmounts.NONE;
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("card profile has " + in.remaining() + " trailing bytes");
            }
            return new CardProfile(
                    count,
                    lastEventTime,
                    amounts,
                    location,
                    RecentEventTimes.of(times),
                    CountrySet.ofWords(words),
                    horizons,
                    merchants,
                    mccs,
                    recentMerchants,
                    ratioPeak,
                    mccAmounts);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("card profile truncated at " + bytes.length + " bytes", e);
        }
    }

    private static RecentMerchants recentMerchants(ByteBuffer in) {
        int n = count(in, RecentMerchants.CAPACITY, "recent merchants");
        List<RecentMerchants.Visit> visits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            visits.add(new RecentMerchants.Visit(utf8(in, "a merchant id"), Instant.ofEpochMilli(in.getLong())));
        }
        return RecentMerchants.of(visits);
    }

    private static MccAmounts mccAmounts(ByteBuffer in) {
        int n = count(in, MccAmounts.CAPACITY, "categories");
        List<MccAmounts.Category> categories = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            categories.add(new MccAmounts.Category(
                    utf8(in, "a category code"), new AmountStats(in.getDouble(), in.getDouble(), in.getDouble())));
        }
        return new MccAmounts(categories);
    }

    /** A one-byte count of entries, at most {@code capacity}. */
    private static int count(ByteBuffer in, int capacity, String entries) {
        int n = in.get();
        if (n < 0 || n > capacity) {
            throw new IllegalArgumentException(
                    "card profile holds " + n + " " + entries + ", at most " + capacity + " allowed");
        }
        return n;
    }

    /** A string stored as its UTF-8 length (a short, above 0) and bytes. */
    private static String utf8(ByteBuffer in, String what) {
        int length = in.getShort();
        if (length <= 0) {
            throw new IllegalArgumentException("card profile holds " + what + " of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code text} in UTF-8, refused if its length does not fit the short it is stored after. */
    private static byte[] utf8(String text, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException(what + " of " + bytes.length + " bytes cannot be stored");
        }
        return bytes;
    }

    private static long[] longs(ByteBuffer in, int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.getLong();
        }
        return values;
    }
}
