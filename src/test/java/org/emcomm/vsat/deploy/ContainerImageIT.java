package org.emcomm.vsat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The image's Dockerfile against what `mvn package` built: every COPY source exists, so `make image`
 * (docker, podman or buildah) has what it copies. Building the image itself needs a container engine,
 * which the tests do not have. */
class ContainerImageIT {
    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    @Test
    void everyCopySourceWasBuilt() throws Exception {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String l = line.trim();
            if (!l.startsWith("COPY ")) continue;
            String[] parts = l.split("\\s+");
            for (int i = 1; i < parts.length - 1; i++) if (!parts[i].startsWith("--")) sources.add(parts[i]);
        }
        assertThat(sources).contains("target/quarkus-app/lib/", "target/quarkus-app/app/");
        for (String s : sources) {
            if (s.contains("*")) {
                PathMatcher m = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + s);
                try (Stream<Path> files = Files.list(Path.of(s).getParent())) {
                    assertThat(files.filter(m::matches).toList()).as(s).isNotEmpty();
                }
            } else {
                assertThat(Path.of(s)).as(s).exists();
            }
        }
        assertThat(Path.of("target/quarkus-app/quarkus-run.jar")).isRegularFile();
        assertThat(Files.readString(DOCKERFILE)).contains("EXPOSE 8080 1162/udp").contains("EMCOMM_TRAPS_PORT=1162");
    }
}
