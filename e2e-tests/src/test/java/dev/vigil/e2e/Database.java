package dev.vigil.e2e;

import dev.vigil.stack.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The stack's PostgreSQL database, read directly (not through alerts-api) for checks of what was stored. */
final class Database {

    /** Column types that can hold a card number as text. */
    private static final String TEXT_COLUMNS = """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public'
              AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
            ORDER BY table_name, column_name""";

    private Database() {}

    /**
     * Every non-null text, varchar, char, json and jsonb value of every table in the public schema
     * (Flyway's history too), each as {@code table.column: value}, for scans for data that must
     * never be stored.
     */
    static List<String> everyTextValue(LocalStack stack) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = connect(stack)) {
            List<String[]> columns = new ArrayList<>();
            try (Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery(TEXT_COLUMNS)) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
            for (String[] column : columns) {
                String where = quote(column[0]) + "." + quote(column[1]);
                try (Statement statement = db.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT " + quote(column[1]) + "::text FROM "
                                + quote(column[0]) + " WHERE " + quote(column[1]) + " IS NOT NULL")) {
                    while (rows.next()) {
                        values.add(where + ": " + rows.getString(1));
                    }
                }
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("no text in the database at all: the scan looked at the wrong one");
        }
        return values;
    }

    /** The transaction id of every alert row of the bank in the {@code alerts} table, one per row. */
    static List<String> alertedTransactions(LocalStack stack, String bank) throws SQLException {
        try (Connection db = connect(stack);
                PreparedStatement query = db.prepareStatement("SELECT transaction_id FROM alerts WHERE bank_id = ?")) {
            query.setString(1, bank);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private static Connection connect(LocalStack stack) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    }

    /** An identifier from the catalogue, quoted: a table or column name is never trusted as SQL. */
    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
