package org.openttserver.plugins.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {
  static final NameRules RULES = new NameRules(40, true);

  @ParameterizedTest
  @ValueSource(strings = {"Ed", "Flippy Doodle", "J.T. Quackers", "Mary-Lou", "Sir Wobble, Jr.",
      "O'Malley", "Dr. Fizz", "Zo\u00eb Quill", "Ab eee", "JT..", "Al McFluff", "Pip", "Ozzy",
      "Tim'n'Tom", "Fizz-Bang Pop", "Aa", "Ann"})
  void check_whenTheClientAcceptsIt_thenPasses(String name) {
    assertThat(RULES.check(name)).as(name).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "A                      | TOO_SHORT",
      "'  '                   | TOO_SHORT",
      "' Flippy'              | SPACING",
      "'Flippy '              | SPACING",
      "'Flip\tpy'             | SPACING",
      "'Flip\u0001py'         | NON_PRINTABLE",
      "Flippy2                | NO_DIGITS",
      "Flippy!                | BAD_CHARACTER",
      "Flip_py                | BAD_CHARACTER",
      "'Flip\ufffdpy'         | BAD_CHARACTER",
      "'Flip\u200bpy'         | BAD_CHARACTER",
      "'Flippy .'             | NEED_LETTERS",
      "Brrrt Zzpt             | NEED_VOWELS",
      "eeee                   | ONE_LETTER",
      "'Mmm Mmm'              | NEED_VOWELS",
      "-Flippy                | DASH",
      "'Flippy- Doo'          | DASH",
      "'Flippy,Doo'           | COMMA",
      "'Flippy ,Doo'          | COMMA",
      "'Flippy , Doo'         | NEED_LETTERS",
      "'Flippy Doo,'          | COMMA",
      "Fli.ppy                | PERIOD",
      "J.T.T.                 | PERIOD",
      "J.TT.                  | PERIOD",
      "'A.. Flippy'           | PERIOD",
      "Fl'i'p'py              | APOSTROPHES",
      "'Fl'ip 'py'' Doo'      | APOSTROPHES",
      "Aa Bb Cc Dd Ee         | TOO_MANY_WORDS",
      "Aa-Bb-Cc-Dd-Ee         | TOO_MANY_WORDS",
      "FLIPPY                 | ALL_CAPS",
      "FlIpPy Doodle          | MIXED_CASE",
  })
  void check_whenTheClientRefusesIt_thenTheSameRule(String name, NameRules.Problem problem) {
    assertThat(RULES.check(name)).as(name).contains(problem);
  }

  @Test
  void check_whenLongerThanConfigured_thenTooLong() {
    assertThat(new NameRules(10, true).check("Flippy Doodle")).contains(
        NameRules.Problem.TOO_LONG);
    assertThat(new NameRules(13, true).check("Flippy Doodle")).isEmpty();
  }

  @Test
  void check_whenNonAsciiAndNotAllowed_thenBadCharacter() {
    assertThat(new NameRules(40, false).check("Zo\u00eb")).contains(
        NameRules.Problem.BAD_CHARACTER);
    assertThat(RULES.check("Zo\u00eb")).isEmpty();
  }

  @Test
  void check_whenOneLatin1Letter_thenTooShortAsTheClientCountsOneByte() {
    // The client's text is ISO-8859-1: 'é' is one byte, and two are the minimum.
    assertThat(RULES.check("\u00e9")).contains(NameRules.Problem.TOO_SHORT);
  }

  @Test
  void words_splitAtSpacesAndDashes() {
    assertThat(NameRules.words("Mary-Lou  Von Quack")).containsExactly("Mary", "Lou", "Von",
        "Quack");
  }
}
