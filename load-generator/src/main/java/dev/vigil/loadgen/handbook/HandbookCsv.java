package dev.vigil.loadgen.handbook;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A world as CSV, in the Handbook's column names and in event-time order:
 * {@code hb-0,2018-04-01T00:00:31Z,596,3156,57.16,0,0}. Customer and terminal ids are the plain
 * numbers the Handbook uses (0 to customers - 1, 0 to terminals - 1); amounts have two decimals.
 *
 * <p>Times and amounts are written digit by digit rather than through {@code Instant.toString} and
 * {@code BigDecimal}: those took most of the time of writing 1.75 million lines.
 */
final class HandbookCsv {

    static final String HEADER =
            "TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_FRAUD,TX_FRAUD_SCENARIO";

    private HandbookCsv() {}

    static void write(HandbookWorld world, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        String[] dates = new String[world.parameters().days()];
        for (int day = 0; day < dates.length; day++) {
            dates[day] = world.parameters().start().plusDays(day) + "T";
        }
        List<HandbookTransaction> transactions = world.transactions();
        StringBuilder line = new StringBuilder(64);
        for (int position = 0; position < transactions.size(); position++) {
            HandbookTransaction transaction = transactions.get(position);
            line.setLength(0);
            line.append(HandbookWorld.id(position)).append(',').append(dates[transaction.day()]);
            int secondOfDay = transaction.second() % HandbookTransaction.SECONDS_PER_DAY;
            twoDigits(line, secondOfDay / 3600).append(':');
            twoDigits(line, secondOfDay / 60 % 60).append(':');
            twoDigits(line, secondOfDay % 60).append("Z,");
            line.append(transaction.customer())
                    .append(',')
                    .append(transaction.terminal())
                    .append(',');
            twoDigits(
                    line.append(transaction.amountCents() / 100).append('.'), (int) (transaction.amountCents() % 100));
            line.append(',')
                    .append(transaction.fraud() ? 1 : 0)
                    .append(',')
                    .append(transaction.scenario())
                    .append('\n');
            out.append(line);
        }
    }

    private static StringBuilder twoDigits(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
