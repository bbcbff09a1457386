package org.openttserver.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openttserver.api.dc.AstronDialectWriter;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParseException;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The DC tools: {@code dc-hash} and {@code dc-astron}. */
final class DcCommands {
  private DcCommands() {}

  static DcFile parse(List<Path> files) throws IOException, DcParseException {
    List<DcSource> sources = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      sources.add(DcSource.read(files.get(i), i == 0 ? DcDialect.DC_2003 : DcDialect.EXTENDED));
    }
    return org.openttserver.runtime.dc.DcLoader.detect(sources,
        java.util.Collections.nCopies(sources.size(), false));
  }

  static String describe(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return e.getMessage() + ": no such file";
    }
    return e instanceof IOException ? "cannot read: " + e : e.getMessage();
  }

  /** The shared part of the DC tools: parse the files, run, report errors in one line. */
  abstract static class DcTool implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DC files, client's first.")
    List<Path> files;

    /** Writes the tool's output for the parsed files. */
    abstract void run(DcFile dc, PrintWriter out) throws IOException;

    @Override
    public Integer call() {
      try {
        PrintWriter out = spec.commandLine().getOut();
        run(parse(files), out);
        out.flush();
        return 0;
      } catch (IOException | DcParseException e) {
        spec.commandLine().getErr().println(spec.name() + ": " + describe(e));
        return 1;
      }
    }
  }

  /**
   * Prints the hash clients send: the 2003 hash of the first file, as a 2003 client computes it,
   * or Astron's legacy hash of all the files when the first is in Astron's dialect.
   */
  @Command(name = "dc-hash", mixinStandardHelpOptions = true,
      description = "Prints the 2003 DC hash (unsigned decimal) of the first FILE, the one the "
          + "client loads; the other files are parsed as our additions. When the first FILE is in "
          + "Astron's dialect, prints Astron's legacy hash of all the FILEs instead.")
  static final class Hash extends DcTool {
    @Override
    void run(DcFile dc, PrintWriter out) {
      out.println(dc.sourceDialects().get(0) == DcDialect.ASTRON ? dc.astronHash()
          : dc.hash2003(1));
    }
  }

  /** Writes the loaded classes in Astron's DC dialect, class and field ids preserved. */
  @Command(name = "dc-astron", mixinStandardHelpOptions = true,
      description = "Writes FILE... (client's first, then our additions) in Astron's DC dialect "
          + "to standard output, keeping class and field ids.")
  static final class Astron extends DcTool {
    @Override
    void run(DcFile dc, PrintWriter out) throws IOException {
      AstronDialectWriter.write(dc, out);
    }
  }
}
