package org.openttserver.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    return DcParser.parse(sources);
  }

  static String describe(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return e.getMessage() + ": no such file";
    }
    return e instanceof IOException ? "cannot read: " + e : e.getMessage();
  }

  /** Prints the 2003 hash of the first file, as a 2003 client computes and sends it. */
  @Command(name = "dc-hash", mixinStandardHelpOptions = true,
      description = "Prints the 2003 DC hash (unsigned decimal) of the first FILE, the one the "
          + "client loads; the other files are parsed as our additions.")
  static final class Hash implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DC files, client's first.")
    List<Path> files;

    @Override
    public Integer call() {
      try {
        spec.commandLine().getOut().println(parse(files).hash2003(1));
        return 0;
      } catch (IOException | DcParseException e) {
        spec.commandLine().getErr().println("dc-hash: " + describe(e));
        return 1;
      }
    }
  }

  /** Writes the loaded classes in Astron's DC dialect, class and field ids preserved. */
  @Command(name = "dc-astron", mixinStandardHelpOptions = true,
      description = "Writes FILE... (client's first, then our additions) in Astron's DC dialect "
          + "to standard output, keeping class and field ids.")
  static final class Astron implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DC files, client's first.")
    List<Path> files;

    @Override
    public Integer call() {
      try {
        StringWriter out = new StringWriter();
        AstronDialectWriter.write(parse(files), out);
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(out);
        pw.flush();
        return 0;
      } catch (IOException | DcParseException e) {
        spec.commandLine().getErr().println("dc-astron: " + describe(e));
        return 1;
      }
    }
  }
}
