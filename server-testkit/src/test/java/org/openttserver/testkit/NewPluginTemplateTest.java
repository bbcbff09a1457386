package org.openttserver.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.testclient.game.GameClient;

/**
 * examples/new-plugin.sh makes a plugin project that compiles against server-api alone and
 * whose plugin runs: the copy's main sources are compiled here (its Maven build would need the
 * server's artifacts installed) and started with the test kit.
 */
class NewPluginTemplateTest {
  private static final Path SCRIPT = Path.of("../examples/new-plugin.sh").toAbsolutePath();

  @Test
  void newPlugin_isRenamedCompilesAndRuns(@TempDir Path tmp) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
    Path project = tmp.resolve("welcome-back");
    Process p = new ProcessBuilder("/bin/bash", SCRIPT.toString(), project.toString(),
        "welcome-back", "org.example.welcome").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();

    Path sources = project.resolve("src/main/java");
    assertThat(sources.resolve("org/example/welcome/WelcomeBackPlugin.java")).exists();
    try (Stream<Path> all = Files.walk(project)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).as(f.toString())
            .doesNotContain("motd").doesNotContain("Motd").doesNotContain("tag::");
      }
    }

    Path classes = Files.createDirectories(tmp.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
        System.getProperty("java.class.path"), "-proc:none"));
    try (Stream<Path> java = Files.walk(sources)) {
      java.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
    Files.writeString(classes.resolve("plugin.properties"),
        Files.readString(project.resolve("src/main/resources/plugin.properties"))
            .replace("${project.version}", "1.0.0"));

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
            getClass().getClassLoader());
        TestServer server = TestServer
            .withPlugin(loader.loadClass("org.example.welcome.WelcomeBackPlugin"))
            .withDistrict("Template Valley")
            .config("welcome-back", "text: Made from the template").start();
        GameClient client = server.clientInGame()) {
      client.enterDistrict(server.district());
      // The message may come while the client still enters the district: applied already, or next.
      var toon = server.server().dc().file().dclass("DistributedToon");
      java.util.List<Object> shown = client.updates().stream()
          .filter(u -> u.doId() == client.avatarId()
              && u.value(toon).field().name().equals("setSystemMessage"))
          .map(u -> u.value(toon).values()).findFirst()
          .orElseGet(() -> client.awaitUpdate(client.avatarId(), "DistributedToon",
              "setSystemMessage"));
      assertThat(shown).containsExactly(0L, "Made from the template");
    }
  }
}
