package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

/** Seeded garbage into every unpacker: nothing but DcValueException may come out. */
class DcFuzzTest {
  private static final int ROUNDS = 60;

  private static void feed(DcFile file, long seed) {
    Random random = new Random(seed);
    int[] outcomes = new int[2];
    for (DcClass c : file.classes()) {
      for (DcField f : c.fieldTable()) {
        byte[] valid = validBytes(f);
        for (int i = 0; i < ROUNDS; i++) {
          byte[] bytes = i % 2 == 0 ? randomBytes(random) : mutate(valid, random);
          run(bytes, r -> f.unpack(r), outcomes);
          run(bytes, r -> f.skip(r), outcomes);
        }
      }
      for (int i = 0; i < ROUNDS; i++) {
        byte[] bytes = randomBytes(random);
        run(bytes, r -> DcBlocks.readRequired(c, DcRequiredSet.ALL, r), outcomes);
        run(bytes, r -> DcBlocks.readOther(c, DcNumbering.CLIENT_2003, r), outcomes);
        run(bytes, r -> DcBlocks.readUpdate(c, DcNumbering.GLOBAL, r), outcomes);
      }
    }
    assertThat(outcomes[0]).as("some inputs parse").isPositive();
    assertThat(outcomes[1]).as("some inputs are rejected").isPositive();
  }

  private static void run(byte[] bytes, Consumer<DatagramReader> action, int[] outcomes) {
    try {
      DatagramReader r = new DatagramReader(bytes);
      action.accept(r);
      DcBlocks.requireEnd(r);
      outcomes[0]++;
    } catch (DcValueException expected) {
      outcomes[1]++;
    } catch (Throwable t) {
      fail("unexpected " + t + " for " + java.util.HexFormat.of().formatHex(bytes), t);
    }
  }

  private static byte[] validBytes(DcField f) {
    DatagramWriter w = new DatagramWriter();
    f.pack(w, f.defaultValues());
    return w.toByteArray();
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(48)];
    random.nextBytes(b);
    return b;
  }

  private static byte[] mutate(byte[] valid, Random random) {
    byte[] b = java.util.Arrays.copyOf(valid, Math.max(0, valid.length + random.nextInt(5) - 2));
    if (b.length > 0) {
      b[random.nextInt(b.length)] = (byte) random.nextInt(256);
    }
    return b;
  }

  @Test
  void garbage_intoEveryFieldOfTheSyntheticVectors_givesOnlyDcValueException() throws Exception {
    feed(DcTestFiles.parse2003(DcHashTest.V5), 1L);
  }

  @Test
  void garbage_intoEveryFieldOfTheDemoDc_givesOnlyDcValueException() throws Exception {
    feed(DcTestFiles.demo(), 2L);
  }

  @Test
  void garbage_intoEveryFieldOfOurAstronDialectFixture_givesOnlyDcValueException()
      throws Exception {
    try (java.io.InputStream in = getClass().getResourceAsStream("astron-constructs.dc")) {
      feed(DcParser.parse(new DcSource("astron-constructs.dc", new String(in.readAllBytes(),
          java.nio.charset.StandardCharsets.ISO_8859_1), DcDialect.ASTRON)), 4L);
    }
  }

  @Test
  void garbage_intoEveryFieldOfAstronsTestDc_givesOnlyDcValueException() throws Exception {
    feed(AstronDialectTest.astronTestDc(), 5L);
  }

  @Test
  void garbage_intoEveryFieldOfTheReferenceFile_givesOnlyDcValueException() throws Exception {
    feed(DcTestFiles.reference(), 3L);
  }
}
