package org.openttserver.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.runtime.testing.TestServers;

/**
 * astrond changes into its config file's directory before reading anything: every path in
 * config/astrond.yml must be right relative to config/, and README's "Running on Astron" must
 * create exactly those files from the repository root.
 */
class AstronConfigPathsTest {
  private static final Path REPO = TestServers.REPO;

  @Test
  void astrondYml_whenPathsResolvedFromConfigDir_thenReadmeCommandsCreateExactlyThem()
      throws Exception {
    JsonNode cfg = new ObjectMapper(new YAMLFactory())
        .readTree(REPO.resolve("config/astrond.yml").toFile());
    Path configDir = REPO.resolve("config");
    List<Path> paths = new ArrayList<>();
    cfg.path("general").path("dc_files").forEach(f -> paths.add(configDir.resolve(f.asText())));
    for (JsonNode role : cfg.path("roles")) {
      if ("database".equals(role.path("type").asText())) {
        paths.add(configDir.resolve(role.path("backend").path("directory").asText()));
      }
    }
    List<String> fromRoot = paths.stream()
        .map(p -> REPO.relativize(p.normalize()).toString()).toList();
    assertThat(fromRoot).containsExactly("data/astron.dc", "data/astron-db");

    String readme = Files.readString(REPO.resolve("README.md"));
    assertThat(readme).contains("mkdir -p data/astron-db\n")
        .contains(" > data/astron.dc\n")
        .contains("astrond config/astrond.yml\n");
  }
}
