package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountReplyTest {
  @Test
  void constants_whenDefaults_thenHeaderAndEveryRequiredKey() {
    String text = AccountReply.constants(LoginConfig.defaults().constants()).text();
    assertThat(text).startsWith("ACCOUNT SERVER CONSTANTS\n");
    for (String key : new String[] {"minNameLength", "minPwLength", "allowNewAccounts",
        "freeTrialPeriodInDays", "priceFirstMonth", "pricePerMonth",
        "customerServicePhoneNumber", "creditCardUpFront"}) {
      assertThat(text).containsPattern("\n" + key + "=[^\n]*\n");
    }
  }

  @Test
  void date_whenFormatted_thenHeaderThenEpochLine() {
    assertThat(AccountReply.date(1057017600L).text())
        .isEqualTo("ACCOUNT SERVER DATE\n1057017600\n");
  }

  @Test
  void error_whenMessageHasNewlines_thenOneLine() {
    assertThat(AccountReply.error(AccountReply.RESPONSE, 5, "a\nb\r\nc").text())
        .isEqualTo("ACCOUNT SERVER RESPONSE\nerrorCode=5\nerrorMsg=a b c\n");
  }

  @Test
  void parse_whenQueryAndBody_thenBodyWinsAndValuesDecoded() throws Exception {
    FormRequest r = FormRequest.parse("n=Query", "n=Body+Name&p=p%26w", "1.2.3.4");
    assertThat(r.require("n")).isEqualTo("Body Name");
    assertThat(r.require("p")).isEqualTo("p&w");
  }

  @Test
  void require_whenFieldMissing_thenBadRequestNamingIt() throws Exception {
    FormRequest r = FormRequest.parse(null, "n=x", "1.2.3.4");
    assertThatThrownBy(() -> r.require("p")).isInstanceOf(FormRequest.BadRequest.class)
        .hasMessage("missing field 'p'");
  }

  @Test
  void parse_whenPercentEncodingBroken_thenBadRequest() {
    assertThatThrownBy(() -> FormRequest.parse(null, "n=%zz", "x"))
        .isInstanceOf(FormRequest.BadRequest.class);
  }
}
