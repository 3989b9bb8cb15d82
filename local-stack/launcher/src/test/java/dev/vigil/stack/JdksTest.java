package dev.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JDK the registry runs on, from fake JDK folders (a release file and an executable bin/java). */
class JdksTest {

    @TempDir
    Path jvms;

    @Test
    void readsTheFeatureVersionFromJavaVersion() {
        assertThat(Jdks.feature("IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n"))
                .hasValue(25);
        assertThat(Jdks.feature("JAVA_VERSION=\"21\"")).hasValue(21);
        assertThat(Jdks.feature("JAVA_VERSION=\"1.8.0_292\"")).hasValue(8);
        assertThat(Jdks.feature("JAVA_RUNTIME_VERSION=\"25.0.3+9\"")).isEmpty();
    }

    @Test
    void prefersTheRunningJvmWhenItIsNewEnough() throws IOException {
        Path running = jdk("running-21", "21.0.5");
        jdk("temurin-25", "25.0.3");

        assertThat(Jdks.find(21, "the registry", Map.of(), running, jvms).home())
                .isEqualTo(running);
    }

    @Test
    void otherwiseTakesTheNewestInstalledJdkWhateverTheFolderOrder() throws IOException {
        Path running = jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("a-jdk-21", "21.0.5");
        Path newest = jdk("temurin-25-jdk-amd64", "25.0.3");
        jdk("z-jdk-22", "22.0.1");

        Jdks.Jdk found = Jdks.find(21, "the registry", Map.of(), running, jvms);

        assertThat(found.home()).isEqualTo(newest);
        assertThat(found.feature()).isEqualTo(25);
        assertThat(found.java()).isEqualTo(newest.resolve("bin/java"));
    }

    @Test
    void ignoresFoldersThatAreNotJdks() throws IOException {
        Path running = jdk("java-17", "17.0.15");
        Files.createDirectories(jvms.resolve("no-release/bin"));
        Path notExecutable = Files.createDirectories(jvms.resolve("not-executable/bin"));
        Files.writeString(notExecutable.resolve("java"), "");
        Files.writeString(jvms.resolve("not-executable/release"), "JAVA_VERSION=\"25\"");

        assertThat(Jdks.installed(jvms)).extracting(Jdks.Jdk::home).containsExactly(running);
    }

    @Test
    void theOverrideWinsAndMustBeNewEnough() throws IOException {
        Path running = jdk("temurin-25", "25.0.3");
        Path chosen = jdk("jdk-21", "21.0.5");
        Path old = jdk("jdk-17", "17.0.15");

        assertThat(Jdks.find(21, "the registry", Map.of(Jdks.OVERRIDE, chosen.toString()), running, jvms)
                        .home())
                .isEqualTo(chosen);
        assertThatThrownBy(() -> Jdks.find(21, "the registry", Map.of(Jdks.OVERRIDE, old.toString()), running, jvms))
                .hasMessageContaining(Jdks.OVERRIDE)
                .hasMessageContaining("not a JDK 21 or newer (Java 17)");
    }

    @Test
    void withoutASuitableJdkSaysWhatToInstall() throws IOException {
        Path running = jdk("java-17-openjdk-amd64", "17.0.15");

        assertThatThrownBy(() -> Jdks.find(21, "Apicurio Registry 3.3.3", Map.of(), running, jvms))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Apicurio Registry 3.3.3 needs Java 21 or newer")
                .hasMessageContaining("java-17-openjdk-amd64 (17)")
                .hasMessageContaining("Install a JDK 21+")
                .hasMessageContaining(Jdks.OVERRIDE);
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name).resolve("bin")).getParent();
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
