package dev.vigil.ingest.http;

import dev.vigil.problems.FieldError;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bank's system that posts, from its verified bearer token (role {@code sender}): it may send
 * records of its own bank only, the bank in claim {@value #BANK_CLAIM}.
 */
@RequestScoped
public class Sender {

    public static final String ROLE = "sender";
    static final String BANK_CLAIM = "bank_id";

    private final JsonWebToken token;

    Sender(JsonWebToken token) {
        this.token = token;
    }

    /** The sender's bank; a token without one may send nothing. */
    public String bank() {
        Object bank = token.getClaim(BANK_CLAIM);
        if (!(bank instanceof String text) || text.isBlank()) {
            throw new ForbiddenException("the token names no bank");
        }
        return text;
    }

    /**
     * One error per record whose {@code bankId} is not the sender's bank, named by {@code field}
     * ({@code bankId}, {@code transactions[3].bankId}); empty when all are the sender's.
     */
    public List<FieldError> foreignBanks(List<String> bankIds, IntFunction<String> field) {
        String bank = bank();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < bankIds.size(); i++) {
            if (!bank.equals(bankIds.get(i))) {
                errors.add(new FieldError(field.apply(i), "is not the bank of the token"));
            }
        }
        return errors;
    }
}
