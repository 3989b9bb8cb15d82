package dev.vigil.loadgen.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sender tokens of ingest-service, one per bank: ingest takes a bank's records only with that
 * bank's token, so each request carries the token whose {@code bank_id} claim names its bank. The
 * claim is read, not verified: these are the caller's own tokens, and ingest verifies them.
 */
public final class IngestTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> byBank;

    private IngestTokens(Map<String, String> byBank) {
        this.byBank = Map.copyOf(byBank);
    }

    /** Each token filed under the bank it names; a token that names none is refused, without quoting it. */
    public static IngestTokens of(List<String> tokens) {
        Map<String, String> byBank = new HashMap<>();
        for (String token : tokens) {
            byBank.put(bankOf(token), token);
        }
        return new IngestTokens(byBank);
    }

    /** The bank's token, if one was given. */
    Optional<String> forBank(String bank) {
        return Optional.ofNullable(byBank.get(bank));
    }

    private static String bankOf(String token) {
        String[] parts = token.split("\\.");
        try {
            JsonNode bank = parts.length == 3
                    ? JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).get("bank_id")
                    : null;
            if (bank != null && bank.isTextual()) {
                return bank.asText();
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a JWT: refused below
        }
        throw new IllegalArgumentException(
                "--ingest-token must be a JWT with a bank_id claim (./vigil token --role sender)");
    }
}
