package dev.vigil.ingest.http;

import dev.vigil.ingest.IngestConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * smallrye-jwt's parser, as Quarkus' bearer authentication calls it, with each token verified once
 * ({@link OnceVerifiedTokens}); its other methods (explicit keys, decryption) are smallrye-jwt's own.
 */
@Alternative
@Priority(1)
@Singleton
class SenderTokenParser extends DefaultJWTParser {

    private final OnceVerifiedTokens verified;

    @Inject
    SenderTokenParser(JWTAuthContextInfo context, IngestConfig config, Clock clock) {
        super(context);
        this.verified = new OnceVerifiedTokens(
                config.senderTokens().maxEntries(), config.senderTokens().maxAge(), clock);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified.parse(token, super::parse);
    }
}
