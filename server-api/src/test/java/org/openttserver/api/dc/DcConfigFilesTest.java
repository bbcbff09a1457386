package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Our config/dc files: they load, and they fit the numbering of the 2003 file. */
class DcConfigFilesTest {
  @Test
  void demo_keepsThe2003ToonNumbers() throws Exception {
    DcFile demo = DcTestFiles.demo();
    DcClass toon = demo.dclass("DistributedToon");
    assertThat(toon.number()).isEqualTo(4);
    assertThat(toon.field("setName").number2003()).isEqualTo(31);
    assertThat(toon.field("setDNAString").number2003()).isEqualTo(32);
    assertThat(toon.field("WishNameState").number2003()).isEqualTo(98);
    assertThat(demo.dclass("TimeManager").field("setDisconnectReason").number2003()).isEqualTo(2);
    assertThat(demo.dclass("OpenTTAccount").sourceIndex()).isEqualTo(1);
  }

  @Test
  void demo_agreesWithTheReferenceFile_byClassNameAndToonFieldNames() throws Exception {
    DcFile ref = DcTestFiles.reference();
    DcFile demo = DcTestFiles.demo();
    for (DcClass c : demo.classes().subList(0, demo.classCountOfSources(1))) {
      assertThat(ref.findClass(c.name())).as(c.name()).isPresent();
    }
    DcClass refToon = ref.dclass("DistributedToon");
    DcClass demoToon = demo.dclass("DistributedToon");
    for (int n = 0; n < refToon.fieldTable().size(); n++) {
      DcField r = refToon.fieldBy2003Number(n);
      DcField d = demoToon.fieldBy2003Number(n);
      assertThat(d.name()).as("field " + n).isEqualTo(r.name());
      assertThat(d.parameters()).extracting(DcParameter::type).as(d.name())
          .isEqualTo(r.parameters().stream().map(DcParameter::type).toList());
    }
  }

  @Test
  void ourClasses_doNotClashWithTheReferenceFile() throws Exception {
    DcFile ref = DcTestFiles.reference();
    Set<String> refNames = ref.classes().stream().map(DcClass::name).collect(Collectors.toSet());
    DcFile demo = DcTestFiles.demo();
    for (DcClass c : demo.classes().subList(demo.classCountOfSources(1), demo.classes().size())) {
      assertThat(refNames).doesNotContain(c.name());
    }
  }
}
