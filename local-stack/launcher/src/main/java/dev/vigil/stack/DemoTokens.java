package dev.vigil.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Demo bearer tokens for alerts-api and ingest-service: RS256 JWTs signed with a local key pair made
 * at first use ({@code jwt-private.pem}, readable by its owner only, and {@code jwt-public.pem}, which
 * both services verify with). A stand-in for a bank's identity provider, for demos and tests only.
 */
public final class DemoTokens {

    public static final String ISSUER = "vigil-demo";
    public static final String AUDIENCE = "vigil-alerts-api";
    /** The audience of {@value #SENDER} tokens: a sender's token is good for ingest and nothing else. */
    public static final String INGEST_AUDIENCE = "vigil-ingest-service";
    /** The longest a token may live (exp - iat); both services refuse longer ones (smallrye.jwt.time-to-live). */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);
    /** The role of a bank's system that posts transactions and labels to ingest-service. */
    public static final String SENDER = "sender";
    /** The claim naming the caller's bank; every alerts-api query is scoped to it. */
    public static final String BANK_CLAIM = "bank_id";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private DemoTokens(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** The key pair kept in {@code dir}, made there first if it is not. */
    public static DemoTokens in(Path dir) {
        Path privateFile = dir.resolve("jwt-private.pem");
        Path publicFile = dir.resolve("jwt-public.pem");
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.deleteIfExists(privateFile);
                Files.createFile(
                        privateFile,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(
                        privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            String body = Files.readString(privateFile)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new DemoTokens(key, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the demo key pair in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the demo key pair in " + dir, e);
        }
    }

    /** The PEM file alerts-api verifies tokens with ({@code VIGIL_ALERTS_JWT_PUBLIC_KEY}). */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /**
     * A token for a bank's app ({@code app}) or analyst ({@code analyst}) of alerts-api, or its
     * {@value #SENDER} for ingest-service, valid for {@code ttl} from now.
     */
    public String mint(String subject, String bank, String role, Duration ttl) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", SENDER.equals(role) ? INGEST_AUDIENCE : AUDIENCE);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put(BANK_CLAIM, bank);
        claims.put("groups", List.of(role));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** A token with exactly these claims, signed with the demo key (tests craft wrong ones with it). */
    public String sign(Map<String, Object> claims) {
        String signingInput = encode(Map.of("alg", "RS256", "typ", "JWT")) + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the demo key", e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims must be plain JSON values", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
