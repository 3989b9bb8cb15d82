package dev.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTokensTest {

    @TempDir
    Path dir;

    @Test
    void makesTheKeyPairOnceWithThePrivateKeyReadableByItsOwnerOnly() throws Exception {
        DemoTokens first = DemoTokens.in(dir);
        String publicKey = Files.readString(first.publicKeyFile());

        DemoTokens.in(dir);

        assertThat(Files.readString(first.publicKeyFile())).isEqualTo(publicKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt-private.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void mintsAnRs256TokenForABankAndRoleThatThePublicKeyVerifies() throws Exception {
        DemoTokens tokens = DemoTokens.in(dir);

        String[] parts =
                tokens.mint("ana", "bank-a", "analyst", Duration.ofMinutes(5)).split("\\.");

        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo(DemoTokens.ISSUER);
        assertThat(claims.get("aud").asText()).isEqualTo(DemoTokens.AUDIENCE);
        assertThat(claims.get(DemoTokens.BANK_CLAIM).asText()).isEqualTo("bank-a");
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("analyst");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey(tokens.publicKeyFile()));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void aSenderTokenIsForIngestOnly() throws Exception {
        String[] parts = DemoTokens.in(dir)
                .mint("system@bank-a", "bank-a", DemoTokens.SENDER, Duration.ofMinutes(5))
                .split("\\.");

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("aud").asText()).isEqualTo(DemoTokens.INGEST_AUDIENCE);
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("sender");
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
