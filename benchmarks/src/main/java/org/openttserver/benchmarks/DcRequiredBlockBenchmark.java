package org.openttserver.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcBlocks;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParseException;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcRequiredSet;
import org.openttserver.api.dc.DcSource;

/**
 * Unpacking a DistributedToon required block (all required fields, as in the 2003 avatar details
 * and Astron's REQ), from the user's toon.dc when {@code shared/reference/toon.dc} or {@code
 * etc/toon.dc} is found above the working directory, else from {@code config/dc/demo-toon.dc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DcRequiredBlockBenchmark {
  private DcClass toon;
  private byte[] block;

  /**
   * Loads the DC file and packs a sample block.
   *
   * @throws IOException if no DC file is found
   * @throws DcParseException if it is malformed
   */
  @Setup
  public void setUp() throws IOException, DcParseException {
    Path dc = find("etc/toon.dc", "shared/reference/toon.dc", "config/dc/demo-toon.dc");
    System.out.println("# DC file: " + dc);
    DcFile file = DcParser.parse(DcSource.read(dc, DcDialect.DC_2003));
    toon = file.dclass("DistributedToon");
    DatagramWriter w = new DatagramWriter();
    DcBlocks.writeRequired(toon, DcRequiredSet.ALL, w, SampleValues.forFields(toon.requiredFields()));
    block = w.toByteArray();
    System.out.println("# required fields: " + toon.requiredFields().size() + ", bytes: " + block.length);
  }

  private static Path find(String... candidates) throws IOException {
    for (String c : candidates) {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        for (Path p : List.of(dir.resolve(c), dir.resolve("..").resolve(c))) {
          if (Files.isRegularFile(p)) {
            return p.normalize();
          }
        }
      }
    }
    throw new IOException("no DC file found from " + Path.of("").toAbsolutePath());
  }

  /**
   * Unpacks every required field into the value model.
   *
   * @return the values (consumed by JMH)
   */
  @Benchmark
  public List<DcFieldValue> unpackRequired() {
    return DcBlocks.readRequired(toon, DcRequiredSet.ALL, new DatagramReader(block));
  }

  /**
   * Validates and skips every required field (what a relay does).
   *
   * @return the bytes left (consumed by JMH)
   */
  @Benchmark
  public int skipRequired() {
    DatagramReader r = new DatagramReader(block);
    DcBlocks.skipRequired(toon, DcRequiredSet.ALL, r);
    return r.remaining();
  }
}
