package org.openttserver.api.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds one of the 2003 client's files, named by its path inside the client ({@code
 * phase_3/etc/toon.dc}), wherever the user put it: flat in a directory ({@code etc/toon.dc}, as
 * copied out of the phase files), in the phase folder tree ({@code etc/phase_3/etc/toon.dc}), or
 * still inside the phase's multifile ({@code etc/phase_3.mf}, stored as {@code
 * phase_3/etc/toon.dc} or {@code etc/toon.dc}). Roots are searched in order, and in each root in
 * that order.
 *
 * <pre>{@code
 * Optional<ClientFiles.Found> dc = ClientFiles.find(List.of(Path.of("etc")), "phase_3/etc/toon.dc");
 * dc.ifPresent(f -> log.info("DC file from {}", f.origin()));
 * }</pre>
 *
 * @since 0.2
 */
public final class ClientFiles {
  private ClientFiles() {}

  /**
   * A file found.
   *
   * @param origin where it came from, for logs ({@code etc/phase_3.mf:phase_3/etc/toon.dc})
   * @param bytes its contents
   */
  public record Found(String origin, byte[] bytes) {}

  /**
   * Finds a client file.
   *
   * @param roots directories to search, in order
   * @param clientPath the file's path in the client, {@code phase_N/...}
   * @return the file, or empty if it is nowhere
   * @throws IOException if a file or multifile that is there cannot be read
   */
  public static Optional<Found> find(List<Path> roots, String clientPath) throws IOException {
    String base = clientPath.substring(clientPath.lastIndexOf('/') + 1);
    int slash = clientPath.indexOf('/');
    String phase = slash < 0 ? "" : clientPath.substring(0, slash);
    String inPhase = slash < 0 ? clientPath : clientPath.substring(slash + 1);
    for (Path root : roots) {
      for (Path p : List.of(root.resolve(base), root.resolve(clientPath))) {
        if (Files.isRegularFile(p)) {
          return Optional.of(new Found(p.toString(), Files.readAllBytes(p)));
        }
      }
      Path mf = root.resolve(phase + ".mf");
      if (!phase.isEmpty() && Files.isRegularFile(mf)) {
        try (Multifile m = Multifile.open(mf)) {
          for (String name : List.of(clientPath, inPhase)) {
            Optional<byte[]> bytes = m.read(name);
            if (bytes.isPresent()) {
              return Optional.of(new Found(mf + ":" + name, bytes.get()));
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
